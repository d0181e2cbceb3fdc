import type { ReactNode } from 'react';

export const metadata = { title: 'Shop: create an account' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

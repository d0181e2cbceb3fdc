import Link from 'next/link';

/** The shop's first page: a client-side link to the registration page. */
export default function Home() {
  return (
    <main>
      <h1>Shop</h1>
      <Link href="/register">Create an account</Link>
    </main>
  );
}

import { Registration } from './registration';

/** A server component: it renders the client component below, which holds the handlers. */
export default function RegisterPage() {
  return (
    <main>
      <h1>Create an account</h1>
      <Registration />
    </main>
  );
}

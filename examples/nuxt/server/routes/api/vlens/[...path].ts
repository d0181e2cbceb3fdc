import { createVlensEventHandler } from 'vlens-register/server/h3';

// Read at the first request, not at build time: `nuxt build` needs no key. The client's address
// is the socket's; behind a load balancer add `trustProxy: 1` (or `trustedProxies`).
export default createVlensEventHandler(() => ({
  apiKey: process.env.VLENS_API_KEY!,
  // Omitted: Vlens itself. The example's tests point it at the offline stand-in.
  upstream: process.env.VLENS_UPSTREAM || undefined,
}));

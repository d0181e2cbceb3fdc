import { createVlensRouteHandlers } from 'vlens-register/server/next';

// Read at the first request, not at build time: `next build` needs no key.
export const { GET, POST, OPTIONS } = createVlensRouteHandlers(() => ({
  apiKey: process.env.VLENS_API_KEY!,
  // Omitted: Vlens itself. The example's tests point it at the offline stand-in.
  upstream: process.env.VLENS_UPSTREAM || undefined,
  // How many proxies in front append to X-Forwarded-For (1 on Vercel or behind one load balancer).
  trustProxy: Number(process.env.VLENS_TRUST_PROXY) || undefined,
}));

// Development sign-in for the OAuth demo: the widget asks this provider for ID tokens instead of
// Google's or Microsoft's real sign-in (which needs registered client ids and the internet).
import { createDevIdTokenProvider } from './dev-sign-in.js';

const widget = document.getElementById('widget');
widget.idTokenProvider = createDevIdTokenProvider({ endpoint: '/dev-oauth', defaultEmail: 'someone@example.com' });

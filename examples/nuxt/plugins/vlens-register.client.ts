// Defines <vlens-register> in the browser only; the server renders the tag as plain markup.
import 'vlens-register/vlens-register.js';

export default defineNuxtPlugin(() => {});

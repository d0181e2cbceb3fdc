/** Loads a provider's classic script once per URL (a failed load can be tried again). */
const loading = new Map<string, Promise<void>>();

export function loadScript(src: string): Promise<void> {
  let pending = loading.get(src);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        script.remove();
        reject(new Error(`The CAPTCHA script could not be loaded: ${src}`));
      };
      document.head.append(script);
    });
    loading.set(src, pending);
  }
  return pending;
}

/** The provider's global once its script has run (`window[name]`), or an error naming it. */
export function providerGlobal<T>(name: string): T {
  const value = (globalThis as Record<string, unknown>)[name];
  if (!value) throw new Error(`The CAPTCHA script did not define ${name}`);
  return value as T;
}

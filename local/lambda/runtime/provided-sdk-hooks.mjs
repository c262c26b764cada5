/** Module resolve hook, run by Node's loader thread: see provided-sdk.mjs for why it exists. */
let fallbackParent;

export function initialize(data) {
  fallbackParent = data?.fallbackParent;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (fallbackParent && error?.code === 'ERR_MODULE_NOT_FOUND' && specifier.startsWith('@aws-sdk/')) {
      return nextResolve(specifier, { ...context, parentURL: fallbackParent });
    }
    throw error;
  }
}

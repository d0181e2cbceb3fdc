/**
 * What the rendered DOM uses that the component manifest (custom-elements.json) does not document:
 * `part` names against the element's `cssParts`, `slot` names against its `slots`. Pure, so the
 * browser test that collects the names and a node test that proves the check can fail share it.
 */
export interface ManifestLike {
  modules: { declarations?: { tagName?: string; cssParts?: { name: string }[]; slots?: { name: string }[] }[] }[];
}

export interface RenderedNames {
  parts: Iterable<string>;
  slots: Iterable<string>;
}

export function missingFromManifest(
  manifest: ManifestLike,
  tagName: string,
  rendered: RenderedNames,
): { parts: string[]; slots: string[] } {
  const declaration = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((candidate) => candidate.tagName === tagName);
  if (!declaration) throw new Error(`the manifest declares no <${tagName}>`);
  const documentedParts = new Set((declaration.cssParts ?? []).map((entry) => entry.name));
  const documentedSlots = new Set((declaration.slots ?? []).map((entry) => entry.name));
  return {
    parts: [...new Set(rendered.parts)].filter((name) => !documentedParts.has(name)).sort(),
    slots: [...new Set(rendered.slots)].filter((name) => !documentedSlots.has(name)).sort(),
  };
}

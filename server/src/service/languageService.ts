/**
 * One facade over the editor features, per document kind (as dockerfile-language-service's
 * DockerfileLanguageService): the server asks it and never routes by kind itself. Protocol-free.
 */
import type { DocumentKind } from '../../../common/fileKind';
import type { Position } from '../core/lineIndex';
import type { Diagnostic } from '../core/types';
import { complete, type CompletionItem } from './completion';
import { hover, type HoverResult, type VersionInEffect } from './hover';

export type { VersionInEffect } from './hover';
import { completeYaml } from './yamlCompletion';
import { hoverYaml } from './yamlHover';

export interface LanguageService {
  /** The rule behind a diagnostic under the cursor, else what the word or key means. */
  /** `version` says where the OpenShift version came from; version-dependent rules name it. */
  hover(
    text: string,
    pos: Position,
    diagnostics: Diagnostic[],
    docsUri: (id: string) => string,
    version?: VersionInEffect,
  ): HoverResult | null;
  complete(text: string, pos: Position, ocpVersion: string | undefined): CompletionItem[];
}

const containerfile: LanguageService = {
  hover,
  complete: (text, pos) => complete(text, pos),
};

const yaml: LanguageService = {
  hover(text, pos, diagnostics, docsUri, version) {
    const h = hover(text, pos, diagnostics, docsUri, version);
    if (h) return h;
    const markdown = hoverYaml(text, pos);
    return markdown ? { markdown } : null;
  },
  complete: completeYaml,
};

export function languageService(kind: DocumentKind): LanguageService {
  return kind === 'containerfile' ? containerfile : yaml;
}

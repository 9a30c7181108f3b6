/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test-only file: jest setup needs process + node:fs/os/path */
// Jest `setupFiles` entry: runs in every test file's sandbox before any test module (and therefore
// before n8n-core) is loaded. n8n-core's InstanceSettings reads N8N_USER_FOLDER and otherwise
// creates ~/.n8n/config (with an encryption key) on first use, so point it at a throw-away folder:
// the one jest.config.js created for this run (and removes at exit).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let userFolder = process.env.GREENFLUX_JEST_USER_FOLDER;
if (!userFolder) {
	// Only when jest was started without this project's jest.config.js: still never ~/.n8n.
	userFolder = path.join(tmpdir(), `n8n-nodes-greenflux-jest-${process.pid}`);
	mkdirSync(userFolder, { recursive: true });
}
process.env.N8N_USER_FOLDER = userFolder;

// n8n's ErrorReporter logs every node error with its stack through the @n8n/backend-common logger
// (stdout). Keep test output clean; run with N8N_LOG_LEVEL=debug (or error) to see it.
process.env.N8N_LOG_LEVEL ??= 'silent';

// Nothing that n8n-core pulls in should phone home from a test run.
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';

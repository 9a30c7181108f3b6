const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

// One throw-away n8n user folder per jest run, created here in the jest parent process (workers
// inherit the env var) and removed when jest exits. test/engine/setup-env.ts points N8N_USER_FOLDER
// at it before n8n-core loads, so n8n-core's InstanceSettings never writes ~/.n8n/config.
if (!process.env.GREENFLUX_JEST_USER_FOLDER) {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-greenflux-jest-'));
	process.env.GREENFLUX_JEST_USER_FOLDER = userFolder;
	process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
}

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	rootDir: __dirname,
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/'],
	modulePathIgnorePatterns: ['<rootDir>/dist/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/engine/setup-env.ts'],
	testTimeout: 60000,
};

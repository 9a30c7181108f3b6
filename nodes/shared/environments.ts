import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type ApiFamily = 'platform' | 'chargeAssist';

export const PLATFORM_HOSTS = {
	acceptance: 'https://platform-a.greenflux.com',
	production: 'https://platform.greenflux.com',
} as const;

export const CHARGE_ASSIST_HOSTS = {
	acceptance: 'https://api-a.greenflux.app',
	acceptanceGateway: 'https://gfx-app-api-management-a.azure-api.net/ca',
} as const;

const ENVIRONMENT_NAMES: Record<string, string> = {
	acceptance: 'Acceptance',
	acceptanceGateway: 'Acceptance (API gateway)',
	production: 'Production',
	custom: 'the custom URL',
};

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** Base URL of the credential's environment (no trailing slash). */
export function baseUrlOf(api: ApiFamily, credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'acceptance');
	const custom = trimSlash(String(credentials.url ?? ''));
	if (api === 'platform') {
		if (environment === 'custom') return custom;
		return environment === 'production' ? PLATFORM_HOSTS.production : PLATFORM_HOSTS.acceptance;
	}
	if (environment === 'acceptance') return CHARGE_ASSIST_HOSTS.acceptance;
	if (environment === 'acceptanceGateway') return CHARGE_ASSIST_HOSTS.acceptanceGateway;
	return custom;
}

/** Human name of the credential's environment, for error messages. */
export function environmentName(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'acceptance');
	const name = ENVIRONMENT_NAMES[environment] ?? environment;
	return environment === 'custom' ? `${name} (${trimSlash(String(credentials.url ?? ''))})` : name;
}

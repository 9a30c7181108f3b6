import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const TOKEN_REJECTED =
	'Token rejected by the selected GreenFlux environment. Acceptance (platform-a.greenflux.com), Production (platform.greenflux.com) and a custom URL each need their own token: check that this token was issued for the environment chosen above.';

export class GreenFluxPlatformApi implements ICredentialType {
	name = 'greenFluxPlatformApi';

	displayName = 'GreenFlux Platform API';

	icon: Icon = { light: 'file:../icons/greenflux.svg', dark: 'file:../icons/greenflux.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-greenflux/n8n-nodes-greenflux#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'acceptance',
			options: [
				{
					name: 'Acceptance (Test Data)',
					value: 'acceptance',
					description: 'https://platform-a.greenflux.com',
				},
				{
					name: 'Production (Real Data)',
					value: 'production',
					description: 'https://platform.greenflux.com',
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'For example a local GreenFlux sandbox',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Platform API token GreenFlux issued for this subscription and environment. Sent as "Authorization: Token …".',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.token}}',
			},
		},
	};

	// A valid token whose subscription lacks the CDR module gets an enveloped 403 and passes;
	// a rejected token gets no OCPI envelope (or "Unauthorized") and fails.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "production" ? "https://platform.greenflux.com" : $credentials.environment === "custom" ? $credentials.url.replace(/\\/+$/, "") : "https://platform-a.greenflux.com" }}',
			url: '/api/1.0/cdrs',
			qs: { limit: 1, offset: 0 },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'status_code', value: undefined, message: TOKEN_REJECTED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status_message', value: 'Unauthorized', message: TOKEN_REJECTED },
			},
		],
	};
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class GreenFluxChargeAssistApi implements ICredentialType {
	name = 'greenFluxChargeAssistApi';

	displayName = 'GreenFlux Charge Assist API';

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
					name: 'Acceptance',
					value: 'acceptance',
					description: 'https://api-a.greenflux.app with "Authorization: ApiKey …"',
				},
				{
					name: 'Acceptance via API Gateway',
					value: 'acceptanceGateway',
					description:
						'https://gfx-app-api-management-a.azure-api.net/ca with "Ocp-Apim-Subscription-Key"',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'GreenFlux publishes no production host: enter the URL GreenFlux gave you',
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
			placeholder: 'https://api.greenflux.app',
			required: true,
			displayOptions: { show: { environment: ['production', 'custom'] } },
		},
		{
			displayName: 'Key Header',
			name: 'headerStyle',
			type: 'options',
			default: 'apiKey',
			displayOptions: { show: { environment: ['production', 'custom'] } },
			options: [
				{ name: 'Authorization: ApiKey <Key>', value: 'apiKey' },
				{ name: 'Ocp-Apim-Subscription-Key: <Key>', value: 'subscriptionKey' },
			],
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Charge Assist key of your GreenFlux developer-portal subscription',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const environment = credentials.environment as string;
		const gatewayStyle =
			environment === 'acceptanceGateway' ||
			(environment !== 'acceptance' && credentials.headerStyle === 'subscriptionKey');
		const headers = gatewayStyle
			? { 'Ocp-Apim-Subscription-Key': `${credentials.apiKey as string}` }
			: { Authorization: `ApiKey ${credentials.apiKey as string}` };
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "acceptance" ? "https://api-a.greenflux.app" : $credentials.environment === "acceptanceGateway" ? "https://gfx-app-api-management-a.azure-api.net/ca" : $credentials.url.replace(/\\/+$/, "") }}',
			url: '/servicestatus',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Key rejected by the selected Charge Assist environment: check the key and that the environment (and key header) match the subscription it was issued for.',
				},
			},
		],
	};
}

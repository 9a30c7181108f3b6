import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class GreenFluxPushApi implements ICredentialType {
	name = 'greenFluxPushApi';

	displayName = 'GreenFlux Push API';

	icon: Icon = { light: 'file:../icons/greenflux.svg', dark: 'file:../icons/greenflux.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-greenflux/n8n-nodes-greenflux#receiving-pushes';

	properties: INodeProperties[] = [
		{
			displayName:
				'Choose a long random token (at least 16 characters, no spaces) and give it to GreenFlux together with the webhook URLs of the GreenFlux Trigger (or GreenFlux Charge Assist Trigger) node. GreenFlux sends it as "Authorization: Token …" with every push; pushes without it, or with another token, are refused with HTTP 401. Testing this credential checks the token\'s format only: GreenFlux cannot be asked.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Push Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token GreenFlux must send with every push: at least 16 printable characters, no spaces',
		},
	];
}

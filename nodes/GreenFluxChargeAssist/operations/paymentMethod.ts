import { invalidInput } from '../../shared/errors';
import {
	booleanOption,
	collectionField,
	optionsOption,
	optionsProperty,
	stringOption,
	textField,
} from '../../shared/fields';
import type { FieldDefinition, Validator } from '../../shared/operations';
import { deletedPaymentMethodItem } from '../hooks/driverAnswers';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { appTokenField } from './appToken';

const paymentMethods = { ...CHARGE_ASSIST, resource: 'paymentMethod' as const };

const appTokenInPath = appTokenField({ in: 'path', name: 'appToken' });

const chargeCardId = textField(
	'Charge Card Payment Method ID',
	'chargeCardPaymentMethodId',
	'chargeCardPaymentMethodId',
	{
		description:
			"The payment method ID of a charge card in the driver's wallet (Payment Method › Get Wallet, type CHARGE_CARD)",
	},
);

const CARD_TYPES = [
	['Amex', 'AMEX'],
	['Apple Pay', 'APPLE_PAY'],
	['Bancontact', 'BANCONTACT'],
	['Google Pay', 'GOOGLE_PAY'],
	['iDEAL', 'IDEAL'],
	['Mastercard', 'MASTER_CARD'],
	['Other Card', 'CARD_OTHER'],
	['Sofort', 'SOFORT'],
	['Visa', 'VISA'],
	['Wallet', 'Wallet'],
].map(([name, value]) => ({ name, value }));

/** GreenFlux wants the last four digits of the card only. */
const checkCardNumberHint: Validator = function (context) {
	const hint = context.values['additionalFields.cardNumberHint'];
	if (hint !== undefined && !/^\d{4}$/.test(String(hint).trim())) {
		throw invalidInput.call(
			this,
			context,
			`Additional Fields → Card Number Hint: must be the last 4 digits of the card (got "${String(hint)}")`,
			'Never send the full card number: give only its last four digits, e.g. 4242.',
		);
	}
};

const pspSourceField: FieldDefinition = {
	property: optionsProperty(
		'PSP',
		'pspSource',
		[
			{ name: 'Adyen', value: 'Adyen' },
			{ name: 'Lemonway', value: 'Lemonway' },
			{ name: 'Stripe', value: 'Stripe' },
		],
		{ default: 'Stripe', description: 'The payment service provider that holds the card' },
	),
	to: { in: 'path', name: 'pspSource' },
};

export const paymentMethodOperations: ChargeAssistOperation[] = [
	{
		...paymentMethods,
		operation: 'addChargeCard',
		name: 'Add Charge Card',
		action: 'Add a charge card to a wallet',
		description:
			"Store a charge card (RFID card) in the driver's wallet by its visual number; the answer holds its payment method ID",
		method: 'PUT',
		path: '/payment/{appToken}/chargecard',
		fields: [
			appTokenInPath,
			textField('Visual Number', 'visualNumber', 'visualNumber', {
				placeholder: 'e.g. NL-GFX-C12345678-9',
				description: 'The number printed on the charge card',
			}),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Display Name',
					'displayName',
					'displayName',
					'A name for the card shown to the driver',
				),
				booleanOption(
					'Activate',
					'activate',
					'activate',
					'Whether to activate the card token if it is not active yet (only when GreenFlux enabled this for you)',
				),
				stringOption(
					'Card Alias',
					'cardAlias',
					'cardAlias',
					'The alias shown for the card (only when GreenFlux enabled this for you)',
				),
				stringOption(
					'Chip ID',
					'chipId',
					'chipId',
					"The card's chip ID (only when GreenFlux enabled this for you)",
				),
				stringOption(
					'Token Issuer',
					'tokenIssuer',
					'tokenIssuer',
					"The card's issuer (only when GreenFlux enabled this for you)",
				),
			]),
		],
	},
	{
		...paymentMethods,
		operation: 'addExternal',
		name: 'Add External',
		action: 'Add an external payment method to a wallet',
		description:
			'Add a payment method whose payments you process yourself (your own PSP); Charge Assist only keeps your reference to it',
		method: 'PUT',
		path: '/payment/{appToken}/external',
		fields: [
			appTokenInPath,
			textField(
				'External Payment Method ID',
				'externalPaymentMethodId',
				'externalPaymentMethodId',
				{
					placeholder: 'e.g. pm_1N2b3C',
					description:
						'Your reference of the payment method; it must identify a valid payment method on your side (you are responsible for processing its payments)',
				},
			),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Display Name',
					'displayName',
					'displayName',
					'A name for the payment method shown to the driver',
				),
			]),
		],
	},
	{
		...paymentMethods,
		operation: 'addPsp',
		name: 'Add PSP',
		action: 'Add a PSP payment method to a wallet',
		description:
			"Add a card or wallet the driver saved with a payment service provider (Stripe, Adyen, Lemonway) to the driver's wallet",
		method: 'PUT',
		path: '/payment/{appToken}/psp/{pspSource}/paymentmethod',
		fields: [
			appTokenInPath,
			pspSourceField,
			textField('PSP Payment Method ID', 'pspPaymentMethodId', 'pspPaymentMethodId', {
				placeholder: 'e.g. pm_1N2b3C',
				description: "The PSP's unique ID of the driver's payment method",
			}),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Card Alias',
					'cardAlias',
					'cardAlias',
					'A nickname for the card, shown to the driver',
				),
				stringOption(
					'Card Number Hint',
					'cardNumberHint',
					'cardNumberHint',
					'The last 4 digits of the card, e.g. 4242',
					'e.g. 4242',
				),
				optionsOption('Card Type', 'cardType', 'cardType', CARD_TYPES, {
					default: 'VISA',
					description: 'The type of card or wallet',
				}),
				stringOption(
					'Customer or Wallet ID',
					'customerOrWalletId',
					'customerOrWalletId',
					"The PSP's customer or wallet ID the payment method belongs to",
					'e.g. cus_9s6XKzkNRiz8i3',
				),
			]),
		],
		validate: [checkCardNumberHint],
	},
	{
		...paymentMethods,
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a payment method from a wallet',
		description:
			"Remove a payment method from the driver's wallet (not possible while a session uses it)",
		method: 'DELETE',
		path: '/payment/{appToken}/{id}',
		fields: [
			appTokenInPath,
			textField(
				'Payment Method ID',
				'paymentMethodId',
				{ in: 'path', name: 'id' },
				{ description: 'The ID of the payment method (Payment Method › Get Wallet)' },
			),
		],
		hook: deletedPaymentMethodItem,
	},
	{
		...paymentMethods,
		operation: 'getWallet',
		name: 'Get Wallet',
		action: 'Get the wallet of a driver',
		description:
			"Get the driver's payment methods (one item each, with the ID to start sessions with); give a location to see which can pay there",
		method: 'GET',
		path: '/payment/{appToken}/wallet',
		output: 'objects',
		fields: [
			appTokenInPath,
			collectionField('Options', 'options', 'Add Option', [
				stringOption(
					'Location ID',
					'locationId',
					{ in: 'query', name: 'locationId' },
					'A location: each payment method then says whether it can pay there (isCompatible)',
					'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
				),
			]),
		],
	},
	{
		...paymentMethods,
		operation: 'linkChargeCard',
		name: 'Link Charge Card',
		action: 'Link a charge card to a payment method',
		description:
			"Link a charge card in the wallet to another (non-card) payment method of the wallet, e.g. so the card's sessions are paid by credit card",
		method: 'POST',
		path: '/payment/{appToken}/chargecard/link',
		fields: [
			appTokenInPath,
			chargeCardId,
			textField('Link Payment Method ID', 'linkPaymentMethodId', 'linkPaymentMethodId', {
				description:
					'The payment method ID (not a charge card) in the same wallet that pays for the charge card',
			}),
		],
	},
	{
		...paymentMethods,
		operation: 'unlinkChargeCard',
		name: 'Unlink Charge Card',
		action: 'Unlink a charge card from its payment method',
		description:
			'Undo Link Charge Card: the charge card is no longer paid by the linked payment method',
		method: 'POST',
		path: '/payment/{appToken}/chargecard/unlink',
		fields: [appTokenInPath, chargeCardId],
	},
];

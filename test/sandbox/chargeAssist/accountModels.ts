import type { Json } from '../seed';
import { CaError } from './errors';
import { accepts } from './locationModels';
import type { CaAppToken, CaPaymentMethod, CaVidMapping } from './records';
import type { CaLocation } from './seedLocations';
import { type CaStore, walletOf } from './store';

/** The sandbox subscription's Charge Assist settings (part of every `TokenModel`). */
const SUBSCRIPTION_SETTINGS = {
	subscriber: 'GreenFlux Sandbox',
	displayName: 'GreenFlux Sandbox',
	requestChargeCardUrl: 'https://sandbox.example/chargecard',
	supportUrl: 'https://sandbox.example/support',
	supportEmail: 'support@sandbox.example',
	supportPhoneNumber: '+31 20 123 4567',
	driverAccount: false,
	loginRequired: false,
	allowExternalChargeCards: true,
	allowDirectCards: true,
	whiteLabelApp: null,
	versionSettings: { ios: { versions: [] }, android: { versions: [] } },
	cultureSettings: [],
	isWhiteLabelApp: false,
	supportedPaymentMethods: ['CHARGE_CARD', 'VISA', 'MASTER_CARD', 'AMEX', 'APPLE_PAY', 'EXTERNAL'],
	measurementSystem: 'Metric',
	qrSetting: { name: 'GreenFlux', logo: null, text: null },
	autoChargeSetting: {
		enabled: true,
		excludedSources: [],
		paymentMethods: ['VISA', 'MASTER_CARD'],
	},
	retryFailedPaymentsSetting: { enabled: true, startDate: '2026-01-01T00:00:00Z' },
	taxLabel: 'VAT',
	accountType: 'Anonymous',
	tariffMinSetting: { enabled: false, minimumZoomLevel: 10, maximumNumberOfLocations: 50 },
	reject3rdPartyChargeCards: false,
};

/** A registered app token, or the route's 404 "token not registered". */
export function registeredToken(store: CaStore, appToken: string | undefined): CaAppToken {
	const token = appToken ? store.tokens.get(appToken) : undefined;
	if (!token)
		throw new CaError(
			404,
			`Token not registered: '${appToken ?? ''}'.`,
			'appToken',
			'TOKEN_NOT_REGISTERED',
		);
	return token;
}

/** A payment method of the app token's wallet, or a 404 naming it. */
export function ownPaymentMethod(
	store: CaStore,
	appToken: string,
	id: string,
	field = 'id',
	status = 404,
): CaPaymentMethod {
	const found = walletOf(store, appToken).find((p) => p.id === id);
	if (!found)
		throw new CaError(
			status,
			`Payment method '${id}' is not in the wallet of this app token.`,
			field,
			'PAYMENT_METHOD_NOT_FOUND',
		);
	return found;
}

export const defaultPaymentMethodId = (store: CaStore, appToken: string) =>
	walletOf(store, appToken).find((p) => p.verificationStatus === 'VALID')?.id ?? null;

export function paymentMethodModel(
	store: CaStore,
	pm: CaPaymentMethod,
	location?: CaLocation,
): Json {
	const linked = pm.linkedPaymentMethodId
		? store.paymentMethods.find((p) => p.id === pm.linkedPaymentMethodId)
		: undefined;
	return {
		id: pm.id,
		externalPaymentMethodId: pm.externalPaymentMethodId,
		cardAlias: pm.cardAlias,
		type: pm.type,
		chargeCardIssuer: pm.chargeCardIssuer,
		cardHint: pm.cardHint,
		cardShortHint: pm.cardShortHint,
		cardExpiryHint: pm.cardExpiryHint,
		authId: pm.authId,
		isCompatible: location ? accepts(location, pm) && pm.verificationStatus !== 'INVALID' : null,
		isVidMapped: store.vid.get(pm.appToken)?.paymentMethodId === pm.id,
		isAccountPaymentMethod: false,
		verificationStatus: pm.verificationStatus,
		driverName: pm.driverName,
		linkedPaymentMethodId: pm.linkedPaymentMethodId,
		linkedPaymentMethod: linked
			? { id: linked.id, type: linked.type, cardHint: linked.cardHint }
			: null,
		expirationDate: pm.expirationDate,
		createdDate: pm.createdDate,
		isDefault: defaultPaymentMethodId(store, pm.appToken) === pm.id,
		displayName: pm.displayName,
		preferredNetwork: pm.preferredNetwork,
		isValid: pm.verificationStatus !== 'INVALID',
	};
}

/** VID_REQUESTED for two clock steps after the registration, then VID_REGISTERED. */
export function vidStatusOf(store: CaStore, mapping: CaVidMapping, now = Date.now()) {
	return now - mapping.requestedAt >= 2 * store.clockMs ? 'VID_REGISTERED' : 'VID_REQUESTED';
}

export function vidMappingModel(store: CaStore, mapping: CaVidMapping): Json {
	return {
		vid: mapping.vid,
		appToken: mapping.appToken,
		paymentMethodId: mapping.paymentMethodId,
		emailId: store.tokens.get(mapping.appToken)?.email ?? null,
		vidStatus: vidStatusOf(store, mapping),
	};
}

export function tokenModel(store: CaStore, token: CaAppToken): Json {
	const mapping = store.vid.get(token.appToken);
	const homeEvses = store.locations
		.filter((l) => l.ownerAppToken === token.appToken)
		.flatMap((l) => l.evses);
	return {
		appToken: token.appToken,
		shareableId: token.shareableId,
		authId: token.authId,
		groups: [],
		groupFilterString: '',
		alerts: [],
		vidMapping: mapping ? vidMappingModel(store, mapping) : null,
		settings: {
			defaultPaymentMethodId: defaultPaymentMethodId(store, token.appToken),
			defaultLanguageCode: token.defaultLanguageCode,
		},
		vidUpdating: mapping ? vidStatusOf(store, mapping) === 'VID_REQUESTED' : false,
		muteVidNotifications: false,
		personalChargerSettings: homeEvses.map((e) => ({
			evseUid: e.uid,
			pauseEnabled: false,
			startTime: '17:00:00',
			endTime: '20:00:00',
		})),
		email: token.email,
		subscriptionSettings: SUBSCRIPTION_SETTINGS,
	};
}

import { type Router, sendJson } from '../../http';
import type { SandboxState } from '../../state';
import { ownPaymentMethod, paymentMethodModel, registeredToken } from '../accountModels';
import { CaError, invalid, required } from '../errors';
import { sendList } from '../paging';
import type { CaPaymentMethod, PaymentType } from '../records';
import { bodyOf, caRoute, noContent, optionalText, requireText, STYLES } from '../routing';
import { clockView, isFinal } from '../sessionClock';
import { cardHints, chargeCard, digest } from '../seedAccounts';
import { type CaStore, findLocation, walletOf } from '../store';

const PSP_SOURCES = ['Stripe', 'Lemonway', 'Adyen'];
const CARD_TYPES = [
	'MASTER_CARD',
	'VISA',
	'AMEX',
	'APPLE_PAY',
	'GOOGLE_PAY',
	'IDEAL',
	'BANCONTACT',
	'SOFORT',
	'Wallet',
	'CARD_OTHER',
];

const now = () => new Date().toISOString();

/**
 * A charge card for the wallet: a visual number of the Platform seed's tokens gets that token's auth id;
 * a visual number containing "BLOCKED" is stored with verification INVALID (sessions with it are REJECTED).
 */
function newChargeCard(
	store: CaStore,
	state: SandboxState,
	appToken: string,
	visualNumber: string,
): CaPaymentMethod {
	const platformToken = state.seed.tokens.find((t) => t.visual_number === visualNumber);
	const authId = platformToken
		? String(platformToken.auth_id)
		: `NL-GFX-C${digest(visualNumber, 6).toUpperCase()}-${visualNumber.length % 10}`;
	return chargeCard(store.random.uuid(), appToken, visualNumber, authId, now(), {
		verificationStatus: /BLOCKED/i.test(visualNumber) ? 'INVALID' : 'VALID',
	});
}

/** Payment methods in use by a session that has not ended. */
function inUse(store: CaStore, pm: CaPaymentMethod): boolean {
	const at = Date.now();
	return [...store.sessions.values()].some(
		(s) =>
			s.paymentMethodId === pm.id && !s.history && !isFinal(clockView(s, store.clockMs, at).status),
	);
}

/** Payment. */
export function registerPaymentRoutes(router: Router, store: CaStore, state: SandboxState): void {
	const v1 = STYLES.v1;
	caRoute(router, 'GET', '/payment/:appToken/wallet', STYLES.text, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const locationId = ctx.query.locationId;
		const location = locationId ? findLocation(store, locationId) : undefined;
		if (locationId && !location)
			throw new CaError(404, `Location '${locationId}' not found.`, 'locationId');
		sendList(
			ctx,
			walletOf(store, token.appToken).map((p) => paymentMethodModel(store, p, location)),
		);
	});

	caRoute(router, 'PUT', '/payment/:appToken/chargecard', v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const body = bodyOf(ctx);
		const visualNumber = optionalText(body, 'visualNumber');
		if (!visualNumber) throw required('visualNumber');
		if (walletOf(store, token.appToken).some((p) => p.visualNumber === visualNumber))
			throw new CaError(
				400,
				`'visualNumber' ${visualNumber} is already in this wallet.`,
				'visualNumber',
				'DUPLICATE',
			);
		const card = newChargeCard(store, state, token.appToken, visualNumber);
		card.displayName = optionalText(body, 'displayName') ?? null;
		card.cardAlias = optionalText(body, 'cardAlias') ?? visualNumber;
		card.chargeCardIssuer = optionalText(body, 'tokenIssuer') ?? 'GreenFlux';
		store.paymentMethods.push(card);
		sendJson(ctx.res, 200, paymentMethodModel(store, card));
	});

	caRoute(router, 'POST', '/payment/:appToken/chargecard/link', v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const body = bodyOf(ctx);
		const cardId = requireText(body, 'chargeCardPaymentMethodId');
		const linkId = requireText(body, 'linkPaymentMethodId');
		const card = ownPaymentMethod(store, token.appToken, cardId, 'chargeCardPaymentMethodId', 400);
		const link = ownPaymentMethod(store, token.appToken, linkId, 'linkPaymentMethodId', 400);
		if (card.type !== 'CHARGE_CARD')
			throw invalid('chargeCardPaymentMethodId', 'is not a charge card.');
		if (link.type === 'CHARGE_CARD')
			throw invalid('linkPaymentMethodId', 'must not be a charge card.');
		card.linkedPaymentMethodId = link.id;
		sendJson(ctx.res, 200, paymentMethodModel(store, card));
	});

	caRoute(router, 'POST', '/payment/:appToken/chargecard/unlink', v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const cardId = requireText(bodyOf(ctx), 'chargeCardPaymentMethodId');
		const card = ownPaymentMethod(store, token.appToken, cardId, 'chargeCardPaymentMethodId', 400);
		if (!card.linkedPaymentMethodId)
			throw invalid('chargeCardPaymentMethodId', 'is not linked to a payment method.');
		card.linkedPaymentMethodId = null;
		sendJson(ctx.res, 200, paymentMethodModel(store, card));
	});

	caRoute(router, 'PUT', '/payment/:appToken/external', STYLES.text, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const body = bodyOf(ctx);
		const externalId = requireText(body, 'externalPaymentMethodId');
		const displayName = optionalText(body, 'displayName') ?? null;
		const known = walletOf(store, token.appToken).find(
			(p) => p.type === 'EXTERNAL' && p.externalPaymentMethodId === externalId,
		);
		const pm: CaPaymentMethod = known ?? {
			...chargeCard(store.random.uuid(), token.appToken, '', token.authId, now()),
			type: 'EXTERNAL',
			externalPaymentMethodId: externalId,
			visualNumber: null,
			cardAlias: null,
			chargeCardIssuer: null,
			cardHint: null,
			cardShortHint: null,
		};
		pm.displayName = displayName ?? pm.displayName;
		if (!known) store.paymentMethods.push(pm);
		sendJson(ctx.res, 200, paymentMethodModel(store, pm));
	});

	caRoute(router, 'PUT', '/payment/:appToken/psp/:pspSource/paymentmethod', v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const source = PSP_SOURCES.find((s) => s.toLowerCase() === ctx.params.pspSource.toLowerCase());
		if (!source) throw invalid('pspSource', `must be one of ${PSP_SOURCES.join(', ')}.`);
		const body = bodyOf(ctx);
		const pspId = requireText(body, 'pspPaymentMethodId');
		const cardType = optionalText(body, 'cardType') ?? 'CARD_OTHER';
		if (!CARD_TYPES.includes(cardType))
			throw invalid('cardType', `must be one of ${CARD_TYPES.join(', ')}.`);
		const hint = optionalText(body, 'cardNumberHint');
		const alias = optionalText(body, 'cardAlias') ?? null;
		const pm: CaPaymentMethod = {
			...chargeCard(store.random.uuid(), token.appToken, '', token.authId, now()),
			type: cardType.toUpperCase() as PaymentType,
			pspSource: source,
			externalPaymentMethodId: pspId,
			customerOrWalletId: optionalText(body, 'customerOrWalletId') ?? null,
			visualNumber: null,
			cardAlias: alias,
			chargeCardIssuer: null,
			...(hint
				? { cardHint: `**** **** **** ${hint}`, cardShortHint: cardHints(hint).cardShortHint }
				: { cardHint: null, cardShortHint: null }),
			displayName: alias,
			preferredNetwork: cardType === 'Wallet' ? null : cardType.toLowerCase(),
		};
		store.paymentMethods.push(pm);
		sendJson(ctx.res, 200, paymentMethodModel(store, pm));
	});

	caRoute(router, 'DELETE', '/payment/:appToken/:id', v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const pm = ownPaymentMethod(store, token.appToken, ctx.params.id);
		if (inUse(store, pm))
			throw new CaError(400, 'The payment method is used by an ongoing session.', 'id', 'IN_USE');
		pm.deleted = true;
		for (const other of walletOf(store, token.appToken))
			if (other.linkedPaymentMethodId === pm.id) other.linkedPaymentMethodId = null;
		noContent(ctx);
	});
}

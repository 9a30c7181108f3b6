import { Random } from '../random';
import type { Json, SeedData } from '../seed';
import type { CaAppToken, CaFailedPayment, CaPaymentMethod, CaSession } from './records';

/**
 * Seeded Charge Assist users (app tokens), their wallets and their session history:
 * - `ca-demo-driver`: charge card (the Platform seed's token 0), a Stripe VISA (default for app starts; the
 *   app token's authId is the Platform seed's token 3), and a blocked charge card (verification INVALID:
 *   sessions started with it go REJECTED with INVALID_TOKEN). Owns a private home charger.
 * - `ca-second-driver`: charge card (Platform token 1) and an external payment method. Owns a home charger.
 * - `ca-blocked-driver`: a blocked app token: starting a session answers 403 "Invalid token used".
 * Session history = the Platform CDRs of those tokens (CDR_AVAILABLE; `externalCdrId` = the CDR id,
 * `externalSessionId` = its session id). The two latest VISA sessions failed to pay (failed payments).
 */
export const SEEDED_APP_TOKENS = {
	demo: 'ca-demo-driver',
	second: 'ca-second-driver',
	blocked: 'ca-blocked-driver',
} as const;

/** Owners of the seeded private home chargers, in order. */
export const HOME_OWNERS = [SEEDED_APP_TOKENS.demo, SEEDED_APP_TOKENS.second];

/** A short deterministic digest of a text (FNV-1a, base 36). */
export function digest(text: string, length: number): string {
	let out = '';
	let salt = 0;
	while (out.length < length) {
		let hash = 0x811c9dc5 ^ salt++;
		for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
		out += (hash >>> 0).toString(36);
	}
	return out.slice(0, length);
}

/** A registered app token with GreenFlux-like derived ids. */
export function newAppToken(
	appToken: string,
	registeredAt: string,
	extra: Partial<CaAppToken> = {},
): CaAppToken {
	return {
		appToken,
		authId: `GF-APP-T-${digest(appToken, 3)}-${digest(`${appToken}#`, 4)}`,
		shareableId: `sid-${digest(`sid:${appToken}`, 5)}`,
		email: null,
		driverId: null,
		emspId: null,
		blocked: false,
		defaultLanguageCode: 'en',
		registeredAt,
		...extra,
	};
}

export function cardHints(number: string): { cardHint: string; cardShortHint: string } {
	const last = number.replace(/[^A-Za-z0-9]/g, '').slice(-4);
	return { cardHint: `**** **** ${last}`, cardShortHint: last };
}

export function chargeCard(
	id: string,
	appToken: string,
	visualNumber: string,
	authId: string,
	createdDate: string,
	extra: Partial<CaPaymentMethod> = {},
): CaPaymentMethod {
	return {
		id,
		appToken,
		type: 'CHARGE_CARD',
		pspSource: null,
		externalPaymentMethodId: null,
		customerOrWalletId: null,
		visualNumber,
		cardAlias: visualNumber,
		chargeCardIssuer: 'GreenFlux',
		...cardHints(visualNumber),
		cardExpiryHint: null,
		authId,
		verificationStatus: 'VALID',
		driverName: null,
		linkedPaymentMethodId: null,
		expirationDate: null,
		createdDate,
		displayName: null,
		preferredNetwork: null,
		...extra,
	};
}

export interface SeededAccounts {
	tokens: CaAppToken[];
	paymentMethods: CaPaymentMethod[];
	sessions: CaSession[];
	failedPayments: CaFailedPayment[];
}

const iso = (at: number) => new Date(at).toISOString();

function historicSession(
	rand: Random,
	cdr: Json,
	appToken: string,
	paymentMethod: CaPaymentMethod,
	paymentStatus: string,
): CaSession {
	const location = cdr.location as Json;
	const evse = (location.evses as Json[])[0];
	const connector = (evse.connectors as Json[])[0];
	const start = Date.parse(String(cdr.start_date_time));
	const end = Date.parse(String(cdr.stop_date_time));
	const app = paymentMethod.type !== 'CHARGE_CARD';
	return {
		id: rand.uuid(),
		appToken,
		paymentMethodId: paymentMethod.id,
		locationId: `nl-gfx-${String(location.id)}`,
		evseUid: String(evse.uid),
		connectorId: String(connector.id),
		authId: String(cdr.auth_id),
		messageId: rand.uuid(),
		externalSessionId: String(cdr.session_id),
		externalCdrId: String(cdr.id),
		createdAt: start,
		outcome: 'CHARGE',
		error: null,
		errorMessage: null,
		stoppedAt: end,
		powerKw: connector.power_type === 'DC' ? 50 : 11,
		startMethod: app ? 'APP' : 'NOT_APP',
		mileage: null,
		priority: false,
		vidRegistration: false,
		receiptNumber: app ? `rec-${digest(String(cdr.id), 6)}` : null,
		payment: {
			status: paymentStatus,
			confirmationTime: paymentStatus === 'Success' ? String(cdr.last_updated) : null,
			pspTransactionId: app ? `pi_${digest(String(cdr.id), 14)}` : null,
		},
		history: {
			startTime: start,
			endTime: end,
			energyInKwh: Number(cdr.total_energy),
			totalCosts: Number(cdr.total_retail_cost_incl_vat),
			totalVat: Number(cdr.total_retail_vat),
		},
	};
}

export function seedAccounts(seed: SeedData): SeededAccounts {
	const rand = new Random(20261202);
	const registeredAt = seed.anchor.minus({ days: 120 }).toISO({ suppressMilliseconds: true })!;
	const cardOf = (n: number) => seed.tokens[n % seed.tokens.length];
	const { demo, second, blocked } = SEEDED_APP_TOKENS;
	const tokens = [
		newAppToken(demo, registeredAt, {
			authId: String(cardOf(3).auth_id),
			email: 'demo.driver@example.com',
		}),
		newAppToken(second, registeredAt, { email: 'second.driver@example.com' }),
		newAppToken(blocked, registeredAt, { blocked: true }),
	];
	const card = (n: number, owner: string) =>
		chargeCard(
			rand.uuid(),
			owner,
			String(cardOf(n).visual_number),
			String(cardOf(n).auth_id),
			registeredAt,
		);
	const demoCard = card(0, demo);
	const visa: CaPaymentMethod = {
		...chargeCard(rand.uuid(), demo, '', tokens[0].authId, registeredAt),
		type: 'VISA',
		pspSource: 'Stripe',
		externalPaymentMethodId: 'pm_sandbox_visa_4242',
		customerOrWalletId: 'cus_sandbox_demo',
		visualNumber: null,
		cardAlias: 'Demo VISA',
		chargeCardIssuer: null,
		cardHint: '**** **** **** 4242',
		cardShortHint: '4242',
		cardExpiryHint: '12/29',
		preferredNetwork: 'visa',
	};
	const blockedCard = chargeCard(
		rand.uuid(),
		demo,
		'NL-GFX-BLOCKED-1',
		'NL-GFX-CBLOCKD-1',
		registeredAt,
		{
			verificationStatus: 'INVALID',
			displayName: 'Blocked card',
		},
	);
	const secondCard = card(1, second);
	const external: CaPaymentMethod = {
		...chargeCard(rand.uuid(), second, '', tokens[1].authId, registeredAt),
		type: 'EXTERNAL',
		externalPaymentMethodId: 'ext-sandbox-001',
		visualNumber: null,
		cardAlias: null,
		chargeCardIssuer: null,
		cardHint: null,
		cardShortHint: null,
		displayName: 'Company account',
	};
	const blockedDriverCard = card(2, blocked);
	const paymentMethods = [demoCard, visa, blockedCard, secondCard, external, blockedDriverCard];

	const cdrsOf = (n: number) => seed.cdrs.filter((c) => c.token_uid === cardOf(n).uid);
	const sessions: CaSession[] = [
		...cdrsOf(0).map((c) => historicSession(rand, c, demo, demoCard, 'EmspInvoice')),
		...cdrsOf(1).map((c) => historicSession(rand, c, second, secondCard, 'EmspInvoice')),
	];
	const visaCdrs = cdrsOf(3);
	const failedFrom = visaCdrs.length - 2;
	const visaSessions = visaCdrs.map((c, i) =>
		historicSession(rand, c, demo, visa, i >= failedFrom ? 'Error' : 'Success'),
	);
	sessions.push(...visaSessions);
	sessions.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const failedPayments = visaSessions.slice(Math.max(failedFrom, 0)).map(
		(s): CaFailedPayment => ({
			chargeSessionId: s.id,
			appToken: demo,
			paymentMethodId: visa.id,
			paymentStatus: 'ERROR',
			totalCost: s.history!.totalCosts,
			transactionTime: iso(s.history!.endTime),
			lastAttemptedTime: iso(s.history!.endTime + 60_000),
			error: 'card_declined',
		}),
	);
	return { tokens, paymentMethods, sessions, failedPayments };
}

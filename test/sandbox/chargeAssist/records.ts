/** What the Charge Assist sandbox stores (its answers are built from these by models.ts and sessions.ts). */

export interface CaAppToken {
	appToken: string;
	authId: string;
	shareableId: string;
	email: string | null;
	driverId: string | null;
	emspId: string | null;
	/** Starting a session with a blocked token answers 403 "Invalid token used". */
	blocked: boolean;
	defaultLanguageCode: string;
	registeredAt: string;
}

export type PaymentType =
	| 'CHARGE_CARD'
	| 'MASTER_CARD'
	| 'VISA'
	| 'AMEX'
	| 'APPLE_PAY'
	| 'GOOGLE_PAY'
	| 'IDEAL'
	| 'BANCONTACT'
	| 'SOFORT'
	| 'WALLET'
	| 'CARD_OTHER'
	| 'EXTERNAL';

export interface CaPaymentMethod {
	id: string;
	appToken: string;
	type: PaymentType;
	/** PSP payment methods: Stripe, Lemonway or Adyen. */
	pspSource: string | null;
	externalPaymentMethodId: string | null;
	customerOrWalletId: string | null;
	visualNumber: string | null;
	cardAlias: string | null;
	chargeCardIssuer: string | null;
	cardHint: string | null;
	cardShortHint: string | null;
	cardExpiryHint: string | null;
	authId: string | null;
	/** INVALID cards are accepted in the wallet but sessions started with them are REJECTED (INVALID_TOKEN). */
	verificationStatus: 'PENDING' | 'VALID' | 'INVALID';
	driverName: string | null;
	linkedPaymentMethodId: string | null;
	expirationDate: string | null;
	createdDate: string;
	displayName: string | null;
	preferredNetwork: string | null;
	/** Deleted from the wallet (kept for the sessions paid with it). */
	deleted?: boolean;
}

export type SessionStatus =
	| 'REQUESTED'
	| 'REJECTED'
	| 'STARTING'
	| 'CHARGING'
	| 'STOPPING'
	| 'COMPLETED'
	| 'CDR_AVAILABLE'
	| 'PARKING'
	| 'TIMEOUT'
	| 'CANCELLED'
	| 'ERROR';

export interface CaSession {
	id: string;
	appToken: string;
	paymentMethodId: string;
	locationId: string;
	evseUid: string;
	connectorId: string;
	authId: string;
	messageId: string;
	externalSessionId: string;
	externalCdrId: string;
	/** Epoch ms of the start request. */
	createdAt: number;
	/** What the charge station does with the start: charge, refuse (REJECTED) or not answer (TIMEOUT). */
	outcome: 'CHARGE' | 'REJECTED' | 'TIMEOUT';
	error: 'INVALID_TOKEN' | 'EVSE_NOT_AVAILABLE' | 'COMMAND_TIMED_OUT' | null;
	errorMessage: string | null;
	/** Epoch ms of the stop request. */
	stoppedAt: number | null;
	powerKw: number;
	startMethod: 'APP' | 'NOT_APP';
	mileage: string | null;
	priority: boolean;
	/** Sessions used to register an Autocharge VID. */
	vidRegistration: boolean;
	receiptNumber: string | null;
	payment: {
		status: string | null;
		confirmationTime: string | null;
		pspTransactionId: string | null;
	};
	/** Seeded (finished) sessions: their figures, instead of the clock. */
	history?: {
		startTime: number;
		endTime: number;
		energyInKwh: number;
		totalCosts: number;
		totalVat: number;
	};
}

export interface CaFailedPayment {
	chargeSessionId: string;
	appToken: string;
	paymentMethodId: string;
	paymentStatus: 'PENDING' | 'SUCCESS' | 'EMSP_INVOICE' | 'IGNORED' | 'ERROR';
	totalCost: number;
	transactionTime: string;
	lastAttemptedTime: string | null;
	error: string | null;
}

export interface CaVidMapping {
	vid: string;
	appToken: string;
	paymentMethodId: string;
	sessionId: string;
	requestedAt: number;
}

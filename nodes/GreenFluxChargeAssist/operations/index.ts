import type { ChargeAssistOperation } from '../resources';
import { accountOperations } from './account';
import { appTokenOperations } from './appToken';
import { autochargeOperations } from './autocharge';
import { failedPaymentOperations } from './failedPayment';
import { favoriteOperations } from './favorite';
import { locationOperations } from './location';
import { locationRatingOperations } from './locationRating';
import { paymentMethodOperations } from './paymentMethod';
import { paymentStatusOperations } from './paymentStatus';
import { privateLocationOperations } from './privateLocation';
import { qrCodeOperations } from './qrCode';
import { serviceStatusOperations } from './serviceStatus';
import { sessionOperations } from './session';
import { sessionRatingOperations } from './sessionRating';
import { tariffOperations } from './tariff';

/** Every operation of the Charge Assist node; one file per resource. */
export const chargeAssistOperations: ChargeAssistOperation[] = [
	...accountOperations,
	...appTokenOperations,
	...autochargeOperations,
	...failedPaymentOperations,
	...favoriteOperations,
	...locationOperations,
	...locationRatingOperations,
	...paymentMethodOperations,
	...paymentStatusOperations,
	...privateLocationOperations,
	...qrCodeOperations,
	...serviceStatusOperations,
	...sessionOperations,
	...sessionRatingOperations,
	...tariffOperations,
];

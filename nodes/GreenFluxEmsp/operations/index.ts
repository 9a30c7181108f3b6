import type { EmspOperation } from '../resources';
import { couponOperations } from './coupon';
import { customerOperations } from './customer';
import { driverOperations } from './driver';
import { retailPackageOperations } from './retailPackage';
import { stripeConnectOperations } from './stripeConnect';
import { tokenOperations } from './token';

/** Every operation of the eMSP node; one file per resource (customers, drivers and tokens share crm.ts). */
export const emspOperations: EmspOperation[] = [
	...couponOperations,
	...customerOperations,
	...driverOperations,
	...retailPackageOperations,
	...stripeConnectOperations,
	...tokenOperations,
];

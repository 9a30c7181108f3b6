import type { OperationDefinition } from '../../shared/operations';
import { cdrOperations } from './cdr';
import { locationV1Operations } from './locationV1';

/** Every Platform API operation of the GreenFlux node; one file per GreenFlux module. */
export const platformOperations: OperationDefinition[] = [...cdrOperations, ...locationV1Operations];

import type { OperationHook } from '../../shared/operations';

/**
 * Favorite › Add / Remove: GreenFlux answers 204 without a body; the item says what changed, for which
 * location (and under which name).
 */
export function favoriteResult(favorite: boolean): OperationHook {
	return async function (context, run) {
		await run();
		const { values } = context;
		const displayName = values['additionalFields.displayName'];
		return [
			{
				json: {
					success: true,
					favorite,
					locationId: values.locationId as string,
					...(favorite && displayName !== undefined ? { displayName: displayName as string } : {}),
				},
			},
		];
	};
}

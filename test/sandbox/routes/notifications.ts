import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerNotificationRoutes(_router: Router, _state: SandboxState): void {}

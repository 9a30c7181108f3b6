import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerRemoteCommandRoutes(_router: Router, _state: SandboxState): void {}

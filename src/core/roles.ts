/** The three models of an experiment, the app's shared vocabulary (protocol re-exports it). */
export type ModelRole = 'teacher' | 'distilled' | 'scratch';
export const MODEL_ROLES: readonly ModelRole[] = ['teacher', 'distilled', 'scratch'];

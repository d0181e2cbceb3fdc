/** The resend cooldown before the submit path (with ResendCountdown) has loaded: no code sent, none running. */
export const IDLE_COUNTDOWN = { remaining: 0, ready: true, stop(): void {} } as const;

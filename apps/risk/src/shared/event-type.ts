export const EVENT_TYPES = ['REGISTER', 'LOGIN', 'KYC', 'BIND_CARD', 'PAYMENT', 'WITHDRAW', 'MERCHANT_ONBOARD'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

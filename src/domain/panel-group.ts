export const PANEL_GROUPS = ['professional', 'youngPartner'] as const;
export type PanelGroup = (typeof PANEL_GROUPS)[number];

export const GROUP_LABELS: Record<PanelGroup, string> = { professional: 'professional', youngPartner: 'young partner' };

// Section anchors on the landing page, shared by the desktop header and the mobile sheet.
export const MARKETING_NAV = [
  { href: "/#features", label: "Features" },
  { href: "/#how-it-works", label: "How it works" },
  { href: "/#pricing", label: "Pricing" },
  { href: "/track-record", label: "Track record" },
] as const;

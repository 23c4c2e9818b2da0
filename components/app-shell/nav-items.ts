// The signed-in navigation, in display order. `adminOnly` items are shown to admins only.
import {
  ArrowLeftRightIcon,
  BellIcon,
  CreditCardIcon,
  FlaskConicalIcon,
  KeyRoundIcon,
  LayoutDashboardIcon,
  LockKeyholeIcon,
  RadioTowerIcon,
  ShieldCheckIcon,
  SlidersHorizontalIcon,
  type LucideIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Highlight only on an exact path match (for parents of other items, like /dashboard). */
  exact?: boolean;
  adminOnly?: boolean;
}

export const APP_NAV: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboardIcon, exact: true },
  { href: "/dashboard/exchange-keys", label: "Exchange keys", icon: KeyRoundIcon },
  { href: "/dashboard/settings", label: "Settings", icon: SlidersHorizontalIcon },
  { href: "/dashboard/notifications", label: "Notifications", icon: BellIcon },
  { href: "/dashboard/security", label: "Security", icon: LockKeyholeIcon },
  { href: "/dashboard/trades", label: "Trades", icon: ArrowLeftRightIcon },
  { href: "/dashboard/backtest", label: "Backtest", icon: FlaskConicalIcon },
  { href: "/dashboard/signals", label: "Signals", icon: RadioTowerIcon },
  { href: "/billing", label: "Billing", icon: CreditCardIcon },
  { href: "/admin", label: "Admin", icon: ShieldCheckIcon, adminOnly: true },
];

/** Whether `item` is the current page for `pathname`. */
export function isNavItemActive(item: NavItem, pathname: string) {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

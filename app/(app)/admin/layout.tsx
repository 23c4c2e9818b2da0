// The admin console frame: the role is checked on the server (404 for everyone else), then the section tabs.
import { AdminNav } from "@/components/admin/admin-nav";
import { requireAdminPage } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}

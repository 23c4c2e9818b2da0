// Audit log filters: a user (id or email) and an action (a GET form, so filters live in the URL).
import Link from "next/link";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** User (id or part of an email) + action prefix; the action list offers every action seen so far. */
export function AuditFilters({
  user,
  action,
  actions,
}: {
  user?: string;
  action?: string;
  actions: string[];
}) {
  return (
    <form action="/admin/audit" method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="audit-user">User (email or id)</Label>
        <Input
          id="audit-user"
          name="user"
          defaultValue={user ?? ""}
          placeholder="Any user"
          autoComplete="off"
          className="w-64"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Input
          id="audit-action"
          name="action"
          list="audit-actions"
          defaultValue={action ?? ""}
          placeholder="e.g. admin.user"
          className="w-64"
        />
        <datalist id="audit-actions">
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {(user || action) && (
        <Button variant="ghost" asChild>
          <Link href="/admin/audit">Clear</Link>
        </Button>
      )}
    </form>
  );
}

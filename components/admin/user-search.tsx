// The email search box of the admin user list (a plain GET form: works without JavaScript).
import { SearchIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Search form submitting `?q=` to /admin/users. */
export function UserSearch({ defaultValue }: { defaultValue: string }) {
  return (
    <form action="/admin/users" method="get" role="search" className="mb-4 flex max-w-xl gap-2">
      <div className="relative flex-1">
        <SearchIcon
          className="text-muted-foreground pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2"
          aria-hidden="true"
        />
        <Input
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder="Search by email"
          aria-label="Search users by email"
          className="pl-9"
          maxLength={254}
        />
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}

"use client";
// After "Log out" the landing page says so once (the logout action adds ?loggedOut=1), then tidies the URL.
import { useEffect } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { toast } from "sonner";

/** Shows "You are logged out." when the page was reached by logging out. */
export function LoggedOutToast() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const loggedOut = params.get("loggedOut") === "1";
  useEffect(() => {
    if (!loggedOut) return;
    toast.success("You are logged out.", { id: "logged-out" });
    router.replace(pathname, { scroll: false });
  }, [loggedOut, pathname, router]);
  return null;
}

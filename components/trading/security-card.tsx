// Sessions: log out on every device (bumps the session version, ending every JWT at its next request).
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { logoutEverywhere } from "@/lib/auth/actions";

export function SecurityCard() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sessions</CardTitle>
        <CardDescription>
          Lost a device or shared a computer? End every session, including this one.
        </CardDescription>
      </CardHeader>
      <CardFooter className="justify-end border-t">
        <form action={logoutEverywhere}>
          <Button type="submit" variant="outline">
            Log out everywhere
          </Button>
        </form>
      </CardFooter>
    </Card>
  );
}

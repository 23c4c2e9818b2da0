// The message above a form: an error (red) or a confirmation (green), or nothing.
import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** One line (and an optional second) above a form; `tone` picks the colour and icon. */
export function FormAlert({
  tone = "error",
  title,
  children,
}: {
  tone?: "error" | "success";
  title?: string | null;
  children?: React.ReactNode;
}) {
  if (!title) return null;
  return (
    <Alert
      variant={tone === "error" ? "destructive" : "default"}
      role={tone === "error" ? "alert" : "status"}
    >
      {tone === "error" ? <CircleAlertIcon /> : <CircleCheckIcon className="text-success" />}
      <AlertTitle className="line-clamp-none leading-snug">{title}</AlertTitle>
      {children && <AlertDescription>{children}</AlertDescription>}
    </Alert>
  );
}

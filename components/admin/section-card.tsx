// A titled card around an admin table, with an optional right-hand note.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Card with a title, description and a body that scrolls sideways on small screens. */
export function SectionCard({
  title,
  description,
  aside,
  children,
}: {
  title: string;
  description?: React.ReactNode;
  aside?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card className="gap-4 py-5">
      <CardHeader className="flex flex-row items-start justify-between gap-4 px-5">
        <div className="space-y-1">
          <CardTitle className="text-base">{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        {aside}
      </CardHeader>
      <CardContent className="px-5">{children}</CardContent>
    </Card>
  );
}

// Loading state of /dashboard/signals: skeletons in the shape of the sources, signals and side cards.
import { Skeleton } from "@/components/ui/skeleton";

export default function SignalsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading signals" className="space-y-6">
      <div className="space-y-2 pb-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <Skeleton className="h-48 rounded-xl" />
          <Skeleton className="h-72 rounded-xl" />
        </div>
        <div className="space-y-6 lg:col-span-2">
          <Skeleton className="h-44 rounded-xl" />
          <Skeleton className="h-64 rounded-xl" />
        </div>
      </div>
    </div>
  );
}

// Average-cost position arithmetic (pure), the way USDT-perpetual exchanges keep a net position: an adding fill
// moves the average entry, a reducing fill realises (exit − average entry) × closed size, a fill larger than the
// position closes it and opens the rest on the other side.

/** A net position in the ledger. */
export interface LedgerPosition {
  side: "long" | "short";
  qty: number;
  entryPrice: number;
}

/** The position after a fill, what the fill realised (before its fee), and how much it closed and opened. */
export interface AppliedFill {
  position: LedgerPosition | null;
  realized: number;
  closedQty: number;
  openedQty: number;
}

const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** Apply one fill (buy or sell `qty` at `price`) to a position. */
export function applyFill(
  pos: LedgerPosition | null,
  fill: { side: "buy" | "sell"; qty: number; price: number },
): AppliedFill {
  const side = fill.side === "buy" ? "long" : "short";
  let closedQty = 0;
  let realized = 0;
  let position: LedgerPosition | null = pos ? { ...pos } : null;
  if (position && position.side !== side) {
    closedQty = Math.min(position.qty, fill.qty);
    realized = (fill.price - position.entryPrice) * closedQty * (position.side === "long" ? 1 : -1);
    position.qty = r8(position.qty - closedQty);
    if (position.qty <= 0) position = null;
  }
  const openedQty = r8(fill.qty - closedQty);
  if (openedQty > 0) {
    position = position
      ? {
          side,
          qty: r8(position.qty + openedQty),
          entryPrice:
            (position.entryPrice * position.qty + fill.price * openedQty) / (position.qty + openedQty),
        }
      : { side, qty: openedQty, entryPrice: fill.price };
  }
  return { position, realized, closedQty, openedQty };
}

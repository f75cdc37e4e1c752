import type { HeaderNode } from "./model.js";

/** A header cell placed on the grid of header rows × leaf columns. */
export interface HeaderCell {
  readonly text: string;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface HeaderGrid {
  readonly depth: number;
  readonly leaves: readonly HeaderNode[];
  readonly cells: readonly HeaderCell[];
}

function depthOf(node: HeaderNode): number {
  return 1 + Math.max(0, ...(node.children ?? []).map(depthOf));
}

/**
 * Lays a header tree out as merged cells: a parent spans its leaves, a leaf spans down to the last header row.
 * @example headerGrid([{ label: "基本支出", children: [{ label: "人员经费" }, { label: "公用经费" }] }]).depth // 2
 */
export function headerGrid(nodes: readonly HeaderNode[]): HeaderGrid {
  const depth = Math.max(1, ...nodes.map(depthOf));
  const leaves: HeaderNode[] = [];
  const cells: HeaderCell[] = [];
  const place = (node: HeaderNode, row: number): void => {
    const col = leaves.length;
    if (node.children && node.children.length > 0) {
      for (const child of node.children) place(child, row + 1);
      cells.push({ text: node.label, row, col, rowSpan: 1, colSpan: leaves.length - col });
    } else {
      leaves.push(node);
      cells.push({ text: node.label, row, col, rowSpan: depth - row, colSpan: 1 });
    }
  };
  for (const node of nodes) place(node, 0);
  return { depth, leaves, cells };
}

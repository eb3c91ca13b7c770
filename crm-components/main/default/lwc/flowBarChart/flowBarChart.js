import { LightningElement, api } from 'lwc';
import { formatNumber } from 'c/flowFormat';

/** SLDS data-visualisation hues that stay apart for the common colour-vision deficiencies. */
const PALETTE = ['#0176d3', '#06a59a', '#9050e9', '#dd7a01'];
const WIDTH = 640;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 56;
const BAR = 14;
const BAR_GAP = 3;
const GROUP_GAP = 16;
const LEGEND = 28;

/**
 * A grouped horizontal bar chart in inline SVG, so it needs no library and renders the same in
 * Salesforce and the standalone page. Screen readers get a one-sentence summary on the
 * `role="img"` and the full figures in a visually hidden table.
 */
export default class FlowBarChart extends LightningElement {
    /** Names the chart for people and assistive technology. */
    @api label = 'Chart';
    /** `[{ key, label }]`: the bars of each group, in order. */
    @api series = [];
    /** `[{ label, values: { [seriesKey]: number|null } }]`. */
    @api groups = [];

    get seriesList() {
        return (this.series || []).map((s, index) => ({
            ...s,
            color: PALETTE[index % PALETTE.length],
            swatchStyle: `background:${PALETTE[index % PALETTE.length]}`
        }));
    }

    get hasData() {
        return (this.groups || []).length > 0 && this.seriesList.length > 0;
    }

    get max() {
        const values = (this.groups || []).flatMap((g) => this.seriesList.map((s) => Number(g.values[s.key]) || 0));
        return Math.max(...values, 0) || 1;
    }

    get groupHeight() {
        return this.seriesList.length * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
    }

    get height() {
        return LEGEND + (this.groups || []).length * this.groupHeight - GROUP_GAP + 4;
    }

    get viewBox() {
        return `0 0 ${WIDTH} ${this.height}`;
    }

    get plotWidth() {
        return WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    }

    get legend() {
        let x = LABEL_WIDTH;
        return this.seriesList.map((s) => {
            const item = { key: s.key, label: s.label, color: s.color, squareX: x, textX: x + 14 };
            // No text measuring in SVG without layout; 6.8px per character fits the 12px SLDS font.
            x += 28 + s.label.length * 6.8;
            return item;
        });
    }

    get drawnGroups() {
        const series = this.seriesList;
        return (this.groups || []).map((group, groupIndex) => {
            const top = LEGEND + groupIndex * this.groupHeight;
            const bars = series.map((s, index) => {
                const raw = group.values[s.key];
                const value = Number(raw) || 0;
                const y = top + index * (BAR + BAR_GAP);
                const width = Math.max(value > 0 ? 2 : 0, (value / this.max) * this.plotWidth);
                return {
                    key: `${group.label}-${s.key}`,
                    x: LABEL_WIDTH,
                    y,
                    width: width.toFixed(1),
                    height: BAR,
                    color: s.color,
                    valueX: (LABEL_WIDTH + width + 4).toFixed(1),
                    valueY: y + BAR - 3,
                    valueText: formatNumber(raw, 2)
                };
            });
            const middle = top + (series.length * (BAR + BAR_GAP) - BAR_GAP) / 2 + 4;
            return { key: group.label, label: truncate(group.label, 22), fullLabel: group.label, labelY: middle, bars };
        });
    }

    /** One sentence per group: what a sighted reader takes from the bars. */
    get summary() {
        const parts = (this.groups || []).map(
            (group) => `${group.label}: ${this.seriesList.map((s) => `${s.label} ${formatNumber(group.values[s.key], 2)}`).join(', ')}`
        );
        return `${this.label}. ${parts.join('; ')}.`;
    }

    get tableRows() {
        return (this.groups || []).map((group) => ({
            key: group.label,
            label: group.label,
            cells: this.seriesList.map((s) => ({ key: s.key, text: formatNumber(group.values[s.key], 2) }))
        }));
    }
}

function truncate(text, length) {
    const value = String(text || '');
    return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

import { LightningElement, api } from 'lwc';
import { parseHighlight } from 'c/knowledgeFormat';

/**
 * Renders a search highlight. The hub sends HTML-escaped text with <mark> tags; instead of
 * trusting that with innerHTML we turn only <mark> into elements and everything else into
 * text nodes, so a stray tag in content can never become markup.
 */
export default class HighlightedText extends LightningElement {
    @api value;

    get segments() {
        return parseHighlight(this.value);
    }
}

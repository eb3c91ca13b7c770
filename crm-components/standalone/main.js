/*
 * Entry of the standalone page. Synthetic shadow is imported first because it must patch the
 * DOM before any component exists; it is also what Lightning Experience runs, and it lets the
 * one global SLDS stylesheet style the inside of every c-* component, exactly as in Salesforce.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'shell/app';

document.getElementById('main').appendChild(createElement('shell-app', { is: App }));

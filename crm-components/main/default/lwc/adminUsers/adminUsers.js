import { LightningElement } from 'lwc';
import { createUser, listUsers, updateUser } from 'c/hubApi';
import { ROLE_OPTIONS } from 'c/adminUserForm';
import { track } from 'c/loadState';
import { adminSection } from 'c/adminSections';

const ROLE_LABELS = Object.fromEntries(ROLE_OPTIONS.map((o) => [o.value, o.label]));
const COLUMNS = [
    { fieldName: 'name', label: 'Name', rowHeader: true },
    { fieldName: 'roleLabel', label: 'Role' },
    { fieldName: 'team', label: 'Team' },
    { fieldName: 'leadsText', label: 'Leads' },
    { fieldName: 'salesforceUserId', label: 'Salesforce user' },
    { fieldName: 'statusText', label: 'Status' },
    { fieldName: 'actions', label: 'Actions', hiddenLabel: true, type: 'actions', cellClass: 'nowrap' }
];

/**
 * Users for admins: who they are, their role and team, the teams they lead, their Salesforce id;
 * create, edit, deactivate and reactivate (each change is audited by the hub).
 */
export default class AdminUsers extends LightningElement {
    users;
    error;
    isLoading = true;
    section = adminSection('users');
    loadLabels = { loading: 'Loading users', failure: 'The users could not be loaded.' };
    /** null: no form; 'new'; or the user being edited. */
    editing = null;
    saving = false;
    saveError;
    columns = COLUMNS;

    connectedCallback() {
        this.load();
    }

    async load() {
        await track(this, async () => {
            this.users = (await listUsers()).users;
        });
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get rows() {
        return (this.users || []).map((u) => ({
            key: u.id,
            name: u.name,
            nameDetail: u.email,
            roleLabel: ROLE_LABELS[u.role] || u.role,
            team: u.team,
            leadsText: (u.leadsTeams || []).join(', '),
            salesforceUserId: u.salesforceUserId,
            statusText: u.active ? 'Active' : 'Deactivated',
            actions: [
                { name: 'edit', label: 'Edit', ariaLabel: `Edit ${u.name}` },
                {
                    name: 'toggle',
                    label: u.active ? 'Deactivate' : 'Reactivate',
                    ariaLabel: `${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`
                }
            ]
        }));
    }

    get hasUsers() {
        return this.rows.length > 0;
    }

    get showForm() {
        return this.editing !== null;
    }

    get editedUser() {
        return this.editing === 'new' ? undefined : this.editing;
    }

    handleNew() {
        this.openForm('new');
    }

    handleRowAction(event) {
        const { action, key } = event.detail;
        const user = this.users.find((u) => u.id === key);
        if (action === 'edit') {
            this.openForm(user);
        } else {
            this.toggle(user);
        }
    }

    openForm(editing) {
        this.editing = editing;
        this.saveError = undefined;
        // The form renders on the next tick; its first field takes focus.
        Promise.resolve().then(() => this.template.querySelector('c-admin-user-form').focus());
    }

    handleCancel() {
        this.editing = null;
    }

    async handleSave(event) {
        const saved = await track(
            this,
            () => (this.editing === 'new' ? createUser(event.detail) : updateUser(this.editing.id, event.detail)),
            { busy: 'saving', error: 'saveError' }
        );
        if (saved) {
            this.editing = null;
            this.announce('success', `${saved.name} saved.`);
            await this.load();
        }
    }

    async toggle(user) {
        try {
            await updateUser(user.id, { active: !user.active });
            this.announce('success', `${user.name} ${user.active ? 'deactivated: their tokens stop working' : 'reactivated'}.`);
            await this.load();
        } catch (error) {
            this.announce('error', `${user.name} could not be changed: ${(error.body && error.body.message) || error.message}`);
        }
    }

    announce(variant, message) {
        this.template.querySelector('c-status-message').announce(variant, message);
    }
}

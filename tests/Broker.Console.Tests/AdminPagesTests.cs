using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.UserGroups;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AdminPagesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_admin_manages_user_groups_device_groups_agents_and_installers_and_reads_the_audit_log()
    {
        using var admin = await fixture.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(BrokerHost.AdminEmail, BrokerHost.AdminPassword);

        // User groups: create one with unattended support on, then turn attended support off in its row.
        await tab.GoAsync("/admin/user-groups");
        await tab["#user-group-name"].FillAsync($"Night shift {suffix}");
        await tab["#user-group-unattended"].CheckAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create user group" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Created Night shift {suffix}.");
        await tab.Page.GetByLabel($"Attended support for Night shift {suffix}", new() { Exact = true }).UncheckAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Attended support is now off for Night shift {suffix}.");
        await tab.ShotAsync("admin-user-groups");
        var userGroup = (await (await admin.GetAsync(Routes.UserGroups)).ExpectAsync<UserGroupResponse[]>(HttpStatusCode.OK)).Single(g => g.Name == $"Night shift {suffix}");
        Assert.Equal(new UserGroupSettings(UnattendedSupport: true, AttendedSupport: false), userGroup.Settings);

        // Device groups: create one and rotate its enrollment code.
        await tab.GoAsync("/admin/device-groups");
        await tab["#device-group-name"].FillAsync($"Northwind {suffix}");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create device group" }).ClickAsync();
        var row = tab.Page.Locator("tr", new() { HasText = $"Northwind {suffix}" });
        var firstCode = await row.Locator("code").TextContentAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate code" }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Northwind {suffix} has a new enrollment code.");
        await Expect(row.Locator("code")).Not.ToHaveTextAsync(firstCode!);
        await tab.ShotAsync("admin-device-groups");
        var group = (await (await admin.GetAsync(Routes.DeviceGroups)).ExpectAsync<DeviceGroupResponse[]>(HttpStatusCode.OK)).Single(g => g.Name == $"Northwind {suffix}");
        Assert.Equal(await row.Locator("code").TextContentAsync(), group.EnrollmentCode);

        // Agents: a new agent in that user group, reaching that device group, with unattended support denied for them.
        await tab.GoAsync("/admin/agents");
        await tab["#new-agent"].ClickAsync();
        var dialog = tab.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#agent-email").FillAsync($"bo-{suffix}@example.test");
        await dialog.Locator("#agent-name").FillAsync($"Bo {suffix}");
        await dialog.Locator("#agent-password").FillAsync("a-long-password-1");
        await dialog.Locator("#agent-user-group").SelectOptionAsync(new SelectOptionValue { Label = $"Night shift {suffix}" });
        await dialog.Locator("#agent-override").SelectOptionAsync("deny");
        await dialog.GetByLabel($"Northwind {suffix}").CheckAsync();
        await tab.ShotAsync("admin-agent-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await Expect(tab.Page.Locator("tr", new() { HasText = $"bo-{suffix}@example.test" })).ToContainTextAsync($"Northwind {suffix}");
        await tab.ShotAsync("admin-agents");
        var agent = (await (await admin.GetAsync(Routes.Agents)).ExpectAsync<AgentResponse[]>(HttpStatusCode.OK)).Single(a => a.Email == $"bo-{suffix}@example.test");
        Assert.Equal((AgentRole.Agent, userGroup.Id, UnattendedSupportOverride.Deny), (agent.Role, agent.UserGroupId, agent.UnattendedSupport));
        Assert.Equal([group.Id], agent.DeviceGroupIds);

        // Editing: the override back to the user group's setting, and the role to admin.
        await tab.Page.Locator("tr", new() { HasText = $"bo-{suffix}@example.test" }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await dialog.Locator("#agent-role").SelectOptionAsync("admin");
        await dialog.Locator("#agent-override").SelectOptionAsync("inherit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Saved Bo {suffix}.");
        var edited = await (await admin.GetAsync(Routes.Agent(agent.Id))).ExpectAsync<AgentResponse>(HttpStatusCode.OK);
        Assert.Equal((AgentRole.Admin, UnattendedSupportOverride.Inherit, userGroup.Id), (edited.Role, edited.UnattendedSupport, edited.UserGroupId));

        // Installers: an upload is listed; one the broker refuses says why.
        await tab.GoAsync("/admin/installers");
        await tab["#installer-platform"].SelectOptionAsync("windows-msi");
        await tab["#installer-file"].SetInputFilesAsync(new FilePayload { Name = $"setup-{suffix}.msi", MimeType = "application/octet-stream", Buffer = new byte[2048] });
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(tab.Notice).ToContainTextAsync($"Uploaded setup-{suffix}.msi for windows-msi: 2.0 KiB");
        await Expect(tab.Page.Locator("tr", new() { HasText = "Windows (MSI)" })).ToContainTextAsync($"setup-{suffix}.msi");
        await tab["#installer-platform"].SelectOptionAsync("linux-x64");
        await tab["#installer-file"].SetInputFilesAsync(new FilePayload { Name = "not-a-tarball.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(tab.Error).ToContainTextAsync("The linux-x64 package must be a .tar.gz");
        await tab.ShotAsync("admin-installers");

        // The audit log, filtered by action: the rotation is there.
        await tab.GoAsync("/admin/audit");
        await tab["#audit-action"].FillAsync("device-group.enrollment-code.rotate");
        await tab["#audit-action"].PressAsync("Enter");
        await Expect(tab.Page.Locator("table.audit tbody tr", new() { HasText = "device-group.create" })).ToHaveCountAsync(0);
        var rotation = tab.Page.Locator("table.audit tbody tr", new() { HasText = group.Id.ToString() });
        await Expect(rotation).ToHaveCountAsync(1);
        await Expect(rotation).ToContainTextAsync("device-group.enrollment-code.rotate");
        await Expect(rotation).ToContainTextAsync("success");
        await tab.ShotAsync("admin-audit");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_admin_renames_and_deletes_groups_revokes_a_code_and_is_told_why_a_group_in_use_stays()
    {
        using var admin = await fixture.AdminAsync();
        var staffed = await admin.CreateUserGroupAsync();
        await admin.CreateAgentAsync(staffed.Id);
        var empty = await admin.CreateUserGroupAsync();
        var company = await admin.CreateDeviceGroupAsync();
        var renamed = $"Day shift {Guid.NewGuid().ToString("N")[..8]}";
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(BrokerHost.AdminEmail, BrokerHost.AdminPassword);

        // User groups: a rename shows in the row; a group that has an agent stays, and the page says why.
        await tab.GoAsync("/admin/user-groups");
        await tab.Page.Locator("tr", new() { HasText = staffed.Name }).GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        var dialog = tab.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(renamed);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = tab.Page.Locator("tr", new() { HasText = renamed });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(tab.Error).ToContainTextAsync("The user group still has 1 agent(s)");
        await Expect(row).ToHaveCountAsync(1);
        await tab.Page.Locator("tr", new() { HasText = empty.Name }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Deleted {empty.Name}.");
        await Expect(tab.Page.Locator("tr", new() { HasText = empty.Name })).ToHaveCountAsync(0);
        Assert.Equal(renamed, (await (await admin.GetAsync(Routes.UserGroup(staffed.Id))).ExpectAsync<UserGroupResponse>(HttpStatusCode.OK)).Name);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Routes.UserGroup(empty.Id))).StatusCode);

        // Device groups: a revoked code enrols nobody until it is rotated; an empty group is deleted.
        await tab.GoAsync("/admin/device-groups");
        row = tab.Page.Locator("tr", new() { HasText = company.Name });
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke code" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"The enrollment code of {company.Name} is revoked.");
        await Expect(row).ToContainTextAsync("revoked: nobody can enrol");
        Assert.Null((await (await admin.GetAsync(Routes.DeviceGroup(company.Id))).ExpectAsync<DeviceGroupResponse>(HttpStatusCode.OK)).EnrollmentCode);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync($"Deleted {company.Name}.");
        await Expect(row).ToHaveCountAsync(0);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_agent_sees_no_admin_pages_and_is_told_so_when_opening_one()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await Expect(tab["header nav"].GetByRole(AriaRole.Link, new() { Name = "Agents" })).ToHaveCountAsync(0);

        await tab.GoAsync("/admin/agents");
        await Expect(tab["main [role=alert]"]).ToHaveTextAsync("This page is for admins only.");
        tab.AssertNoScriptErrors();
    }
}

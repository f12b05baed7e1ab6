<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../app/qunguan/ui/about.py" line="55" />
        <source>not stated</source>
        <extracomment>The components when the package's own metadata cannot be read (pyproject.toml's list).</extracomment>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/about.py" line="77" />
        <source>Components and their licences:</source>
        <translation>组件及其许可证：</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="13" />
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="14" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="15" />
        <source>Warn</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="16" />
        <source>Mute</source>
        <translation>禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="17" />
        <source>Suspend</source>
        <translation>暂停账号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="18" />
        <source>Ban</source>
        <translation>封禁</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="19" />
        <source>Blacklist</source>
        <translation>列入黑名单</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="20" />
        <source>Restrict group</source>
        <translation>限制群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="21" />
        <source>Mute group</source>
        <translation>全群禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="22" />
        <source>Dissolve group</source>
        <translation>解散群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="23" />
        <source>Suspend admin rights</source>
        <translation>暂停管理权限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="24" />
        <source>Revoke group creation</source>
        <translation>取消建群权限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="25" />
        <source>Lower credit</source>
        <translation>降低信用分</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="26" />
        <source>Escalate</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="27" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="80" />
        <source>Starting the demo platform…</source>
        <extracomment>Cases opened longer ago are forgotten (File &gt; Settings… &gt; Local data).</extracomment>
        <translation>正在启动演示平台…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="82" />
        <source>Qunguan demo</source>
        <translation>群管演示</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="114" />
        <source>Creating the demo data (first start only): {done} of {total}</source>
        <translation>正在生成演示数据（仅首次启动）：{done} / {total}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="194" />
        <source>⚠ local data not encrypted</source>
        <translation>⚠ 本地数据未加密</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="195" />
        <source>The local cache is not encrypted (no secure keyring, or SQLCipher is missing): personal data is not kept on this computer.</source>
        <translation>本地缓存未加密（没有安全的密钥环，或缺少 SQLCipher）：个人信息不会保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="210" />
        <source>Your session has expired. Log in again; your work is kept.</source>
        <translation>会话已过期，请重新登录；您的工作已保留。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="217" />
        <location filename="../app/qunguan/ui/app.py" line="220" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="219" />
        <source>Log out of {server}?</source>
        <translation>退出 {server} 吗？</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="224" />
        <source>{n} decisions are not sent yet: they stay on this computer and are sent at the next login.</source>
        <translation>{n} 项处置尚未发送：它们保留在此电脑上，下次登录时发送。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="228" />
        <source>The cases kept on this computer hold conversations and personal data; you can delete them now.</source>
        <translation>此电脑上保存的案件包含对话和个人信息；您可以现在删除。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/app.py" line="229" />
        <source>Log out and delete local data</source>
        <translation>退出并删除本地数据</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/about.py" line="26" />
        <location filename="../app/qunguan/ui/app.py" line="254" />
        <source>Qunguan</source>
        <translation>群管</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="59" />
        <source>Needs attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="66" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="69" />
        <source>Refused decisions</source>
        <translation>被拒绝的处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="75" />
        <source>My decision</source>
        <translation>我的处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="76" />
        <source>The case on the platform now</source>
        <translation>平台上该案件的当前状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="95" />
        <source>Note for the escalation:</source>
        <translation>上报备注：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="98" />
        <source>Accept theirs</source>
        <translation>接受对方版本</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="99" />
        <source>Keep the platform's version; my decision is not sent.</source>
        <translation>保留平台上的版本；我的处置不再发送。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="100" />
        <source>Escalate</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="101" />
        <location filename="../app/qunguan/ui/attention.py" line="168" />
        <source>Send the case to a supervisor as it is now, with the note.</source>
        <translation>将案件按当前状态连同备注上报给主管。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="102" />
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="103" />
        <source>I have seen this refusal; remove it from the list.</source>
        <translation>我已知悉此拒绝；将其从列表中移除。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="135" />
        <source>Case {id}: {action}, decided {when}</source>
        <translation>案件 {id}：{action}，处置于 {when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="144" />
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="145" />
        <source>Refused ({n})</source>
        <translation>被拒绝（{n}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="160" />
        <source>Nothing needs attention.</source>
        <translation>没有需要处理的事项。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="162" />
        <source>The platform did not send the case.</source>
        <translation>平台未返回该案件。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="163" />
        <source>The platform said: {message}</source>
        <translation>平台答复：{message}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="169" />
        <source>The case is closed on the platform; a supervisor can review the decision that closed it.</source>
        <translation>该案件在平台上已结案；主管可复核结案的处置。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="175" />
        <source>Conflict: I had decided {action} at {when}.</source>
        <translation>冲突：我曾于 {when} 作出处置“{action}”。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="181" />
        <source>Action: {action}</source>
        <translation>处置：{action}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="182" />
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="184" />
        <source>Decided: {when}</source>
        <translation>处置时间：{when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="185" />
        <source>For version: {v}</source>
        <translation>针对版本：{v}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="188" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="193" />
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="194" />
        <source>Version: {v}</source>
        <translation>版本：{v}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="195" />
        <source>Held by: {who}</source>
        <translation>认领人：{who}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="196" />
        <source>Group: {group}</source>
        <translation>群组：{group}</translation>
    </message>
</context>
<context>
    <name>AuthorityTab</name>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="63" />
        <source>Not yet delivered</source>
        <translation>尚未报送</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="64" />
        <source>Delivered</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="65" />
        <source>All marked</source>
        <translation>全部已标记</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="67" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="69" />
        <source>Export evidence package…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="71" />
        <source>A ZIP file with a summary, each decision's conversation, sender and group as the moderator saw them, the case's audit trail, and a manifest of SHA-256 hashes signed by the platform (check it with `qunguan verify-export`). The selected decisions, or all listed when none is selected.</source>
        <translation>一个 ZIP 文件：摘要、每个决定中审核员当时看到的对话、发送者和群组、案件的审计日志，以及由平台签名的 SHA-256 清单（可用 `qunguan verify-export` 核验）。包含所选决定；未选择时包含列出的全部决定。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="82" />
        <source>Decisions to report</source>
        <translation>需向主管部门报告的处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="84" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="84" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="84" />
        <source>Action</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="84" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="84" />
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="85" />
        <source>Marked by</source>
        <translation>标记人</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="85" />
        <source>Delivered in</source>
        <translation>报送批次</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="98" />
        <source>e.g. the municipal cyberspace administration office</source>
        <translation>例如：市网信办</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="99" />
        <source>e.g. encrypted e-mail, hand delivery</source>
        <translation>例如：加密邮件、专人递交</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="100" />
        <source>letter or ticket number (optional)</source>
        <translation>函件或工单编号（可选）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="102" />
        <source>Delivered to</source>
        <translation>报送对象</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="103" />
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="104" />
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="105" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="106" />
        <source>Record delivery of the last package</source>
        <translation>登记最近一个证据包的报送</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="116" />
        <location filename="../app/qunguan/ui/authority.py" line="119" />
        <source>Deliveries</source>
        <translation>报送记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="137" />
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="145" />
        <source>#{id} {when}: {n} decisions to {to} ({how}{ref}), SHA-256 {sha}…; recorded by {who}</source>
        <translation>#{id} {when}：{n} 个决定报送至 {to}（{how}{ref}），SHA-256 {sha}…；登记人 {who}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="159" />
        <source>Export an evidence package</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="160" />
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="167" />
        <source>No decision is marked reportable here.</source>
        <translation>这里没有标记为需报送的决定。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="172" />
        <source>Collecting decision {n} of {total}…</source>
        <translation>正在收集第 {n} 个决定（共 {total} 个）…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="178" />
        <source>Evidence package of {n} decisions written to {path}; SHA-256 {sha}.</source>
        <translation>已将包含 {n} 个决定的证据包写入 {path}；SHA-256 {sha}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="194" />
        <source>Say to whom and how the package was delivered.</source>
        <translation>请填写证据包的报送对象和方式。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/authority.py" line="205" />
        <source>Delivery #{id} recorded in the audit trail (event {seq}).</source>
        <translation>报送 #{id} 已记入审计日志（事件 {seq}）。</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="226" />
        <source>Take cases offline</source>
        <translation>离线领取案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="229" />
        <source>Claims the next cases of the current queue for three days and keeps their conversation, sender and group on this computer, so you can decide them without a network.</source>
        <translation>认领当前队列中接下来的案件三天，并将其对话、发送者和群组信息保存在本机，无网络时也可处置。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="236" />
        <source>Number of cases:</source>
        <translation>案件数量：</translation>
    </message>
</context>
<context>
    <name>CheckoutRun</name>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="250" />
        <source>Taking cases offline…</source>
        <translation>正在离线领取案件…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="251" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="253" />
        <source>Take cases offline</source>
        <translation>离线领取案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/attention.py" line="276" />
        <source>Taking cases offline: {done} of {total}</source>
        <translation>正在离线领取案件：{done} / {total}</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="424" />
        <source>[flagged]</source>
        <translation>［被举报］</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="426" />
        <source>[deleted]</source>
        <translation>［已删除］</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="428" />
        <source>[Text hidden for this category: click it or press R to show]</source>
        <translation>［此类内容的文字已隐藏：点击或按 R 显示］</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="434" />
        <source>[{kind} held back: click it or press R to show]</source>
        <translation>［{kind}已遮挡：点击或按 R 显示］</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="437" />
        <source>Attachment: {name} ({kind}, {size}, sha256 {sha})</source>
        <translation>附件：{name}（{kind}，{size}，sha256 {sha}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="350" />
        <location filename="../app/qunguan/ui/conversation.py" line="433" />
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="348" />
        <source>click to show</source>
        <extracomment>A message's attachments as painted: a list of (thumbnail QImage, caption). True while the message has protected content the moderator has not revealed. the device pixel ratio thumbnails are drawn for (the delegate sets the screen's)</extracomment>
        <translation>点击显示</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="350" />
        <location filename="../app/qunguan/ui/conversation.py" line="433" />
        <source>file</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="563" />
        <source>Load earlier messages</source>
        <extracomment>How a case's content is protected (set by ui/wellbeing.py from the moderator's preferences).</extracomment>
        <translation>加载更早的消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="566" />
        <source>Load later messages</source>
        <translation>加载更晚的消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="580" />
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="581" />
        <source>The messages around the flagged one, which is marked</source>
        <translation>被标记消息前后的消息，被标记的消息有标识</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="674" />
        <source>Copy message text</source>
        <translation>复制消息文本</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/conversation.py" line="677" />
        <source>Open link {url}…</source>
        <translation>打开链接 {url}…</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../app/qunguan/ui/crash.py" line="159" />
        <source>Qunguan hit a bug</source>
        <extracomment>A key that names a secret: "password", "refresh_token", "client_secret", "api-key", "totp" (what comes before the word, "refresh_", stays as it is and need not be matched). (words one of which the text must hold, lower case; pattern; replacement), applied in order. Keys that name a secret keep their name and lose their value; personal numbers are masked the way the platform masks them (138****1234). The words spare most lines the regular expressions.</extracomment>
        <translation>群管遇到了程序错误</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/crash.py" line="160" />
        <source>Something went wrong that Qunguan did not expect ({summary}). Your decisions in the outbox are safe. The details are in {path}; please send that file to your administrator.</source>
        <translation>发生了群管未预料到的错误（{summary}）。发件箱中的处置是安全的。详细信息见 {path}；请将该文件发送给管理员。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/crash.py" line="168" />
        <source>Show the log…</source>
        <translation>查看日志…</translation>
    </message>
</context>
<context>
    <name>Credit</name>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="36" />
        <source>no groups over 200 members</source>
        <translation>不得创建 200 人以上的群</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="37" />
        <source>no links or files</source>
        <translation>不得发送链接和文件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="38" />
        <source>may not invite</source>
        <translation>不得邀请入群</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="39" />
        <source>may not create groups</source>
        <translation>不得建群</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="40" />
        <source>posting rate limited</source>
        <translation>发言频率受限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="41" />
        <source>muted (credit 0)</source>
        <translation>禁言（信用分为 0）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="51" />
        <source>Restored: a period without a new sanction</source>
        <translation>恢复：一个周期内无新处罚</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="53" />
        <source>Overturned: {rule}</source>
        <translation>撤销原决定：{rule}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="55" />
        <source>Undone: {rule}</source>
        <translation>已撤回：{rule}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="57" />
        <source>{rule}, in an incident</source>
        <translation>{rule}（应急事件）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="61" />
        <source>sender</source>
        <translation>发送者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="62" />
        <source>group owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="63" />
        <source>group owner or administrator</source>
        <translation>群主或群管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/action_names.py" line="65" />
        <source>{action} ({party})</source>
        <translation>{action}（{party}）</translation>
    </message>
</context>
<context>
    <name>CreditHistoryDialog</name>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="373" />
        <source>Credit history of {name}</source>
        <translation>{name} 的信用记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="376" />
        <source>Credit now {score}; the most recent changes, newest first.</source>
        <translation>当前信用分 {score}；以下为最近的变动，最新的在前。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="379" />
        <source>Published credit rules {version}; {next}.</source>
        <translation>现行信用规则 {version}；{next}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="384" />
        <source>Limited now: {limits}</source>
        <translation>当前受限：{limits}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="390" />
        <source>Credit changes</source>
        <translation>信用分变动</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="391" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="391" />
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="391" />
        <source>Score after</source>
        <translation>变动后</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="392" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="392" />
        <source>Rules version</source>
        <translation>规则版本</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="392" />
        <source>Rule code</source>
        <translation>规则代码</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="393" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="405" />
        <source>No change of credit is on record.</source>
        <translation>没有信用变动记录。</translation>
    </message>
</context>
<context>
    <name>Decide</name>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="141" />
        <source>Message {id} by {sender} in the group {group}</source>
        <translation>群 {group} 中 {sender} 发送的消息 {id}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="144" />
        <location filename="../app/qunguan/ui/decide.py" line="507" />
        <source>The user {sender} (ID {id})</source>
        <translation>用户 {sender}（ID {id}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="147" />
        <source>The group {group} (ID {id}, {members} members)</source>
        <translation>群组 {group}（ID {id}，{members} 名成员）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="149" />
        <source>Case {id} in the group {group}</source>
        <translation>群 {group} 中的案件 {id}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="166" />
        <source>The sender: {name} (ID {id})</source>
        <translation>发布者：{name}（ID {id}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="171" />
        <source>owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="172" />
        <source>admin</source>
        <translation>群管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="173" />
        <source>{name} ({role}, ID {id}, credit {credit})</source>
        <translation>{name}（{role}，ID {id}，信用分 {credit}）</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="356" />
        <source>{action}: case {id}</source>
        <translation>{action}：案件 {id}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="366" />
        <source>Target:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="370" />
        <source>Owner or admin:</source>
        <translation>群主或管理员：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="375" />
        <source>Applies to:</source>
        <extracomment>For a sender action that may name the owner or an admin instead (a warning).</extracomment>
        <translation>处理对象：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="377" />
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="379" />
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="379" />
        <source>Reason (optional):</source>
        <translation>理由（可选）：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="383" />
        <source>For:</source>
        <translation>期限：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="385" />
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="385" />
        <source>Note (required):</source>
        <translation>备注（必填）：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="399" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="423" />
        <source>Choose the owner or an admin…</source>
        <translation>选择群主或管理员…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="429" />
        <source>owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="429" />
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="430" />
        <source>{name} ({role}, ID {id}, credit {credit})</source>
        <translation>{name}（{role}，ID {id}，信用分 {credit}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="441" />
        <source>No template</source>
        <translation>不使用模板</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="467" />
        <source>Choose a reason.</source>
        <translation>请选择理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="469" />
        <source>Choose a valid duration.</source>
        <translation>请选择有效的期限。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="471" />
        <source>Choose the owner or admin it applies to.</source>
        <translation>请选择适用的群主或管理员。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="473" />
        <source>Write the note.</source>
        <translation>请填写备注。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="481" />
        <source>Applies to: {who}.</source>
        <translation>适用于：{who}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="483" />
        <source>Applies to: {target}.</source>
        <translation>适用于：{target}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="486" />
        <source>Reason: {reason}.</source>
        <translation>理由：{reason}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="490" />
        <source>No end date: it lasts until a moderator lifts it.</source>
        <translation>无结束日期：持续到审核员解除为止。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="492" />
        <source>For {duration}, until {end}.</source>
        <translation>期限 {duration}，至 {end}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="495" />
        <source>The case stays open.</source>
        <translation>案件保持未结状态。</translation>
    </message>
</context>
<context>
    <name>DecisionView</name>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="48" />
        <source>#{seq} {when} {actor}: {kind} {what}</source>
        <translation>#{seq} {when} {actor}：{kind} {what}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="67" />
        <source>Decision {id}</source>
        <translation>决定 {id}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="73" />
        <source>Decision {id} on case {case}: {action} by {who} at {when}</source>
        <translation>案件 {case} 的决定 {id}：{who} 于 {when} {action}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="77" />
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="79" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="114" />
        <source>The case's audit trail, from the platform's audit chain</source>
        <translation>案件的审计日志（来自平台审计链）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="120" />
        <source>Loading what the moderator saw…</source>
        <translation>正在加载审核员当时看到的内容…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="132" />
        <source>Could not load the decision's context: {error}</source>
        <translation>无法加载该决定的上下文：{error}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="138" />
        <source>The case as the platform showed it when the decision was recorded ({when}).</source>
        <translation>决定记录时平台所显示的案件（{when}）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="142" />
        <source>No record of what the moderator saw was kept for this decision (it is older than these records): the conversation, sanctions and credit are read back as of {when}; the sender's and group's other fields are as they are now.</source>
        <translation>该决定早于此类记录，未保存审核员当时看到的内容：对话、处罚和信用按 {when} 时的状态回溯；发送者和群组的其他字段为当前状态。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="146" />
        <source>The platform cannot be reached: shown as kept on this workstation, fetched {when}.</source>
        <translation>无法连接平台：显示本工作站保存的副本，获取于 {when}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="159" />
        <source>Reports: {n}</source>
        <translation>举报：{n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="163" />
        <source>Signals: {n}</source>
        <translation>信号：{n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="178" />
        <source>✓ This record matches the digest in the decision's audit event.</source>
        <translation>✓ 此记录与该决定审计事件中的摘要一致。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="179" />
        <source>✗ This record does NOT match the decision's audit event: it was changed after the decision.</source>
        <translation>✗ 此记录与该决定的审计事件不一致：决定之后被改动过。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decision_view.py" line="182" />
        <source>The decision's audit event was not found in the case's trail.</source>
        <translation>在案件轨迹中未找到该决定的审计事件。</translation>
    </message>
</context>
<context>
    <name>DrasticConfirmDialog</name>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="83" />
        <source>{action}: case {id}, needs a second approval</source>
        <translation>{action}：案件 {id}，需要二次审批</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="98" />
        <source>Group:</source>
        <translation>群组：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="98" />
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="102" />
        <source>Applies to:</source>
        <translation>处理对象：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="104" />
        <source>group ID {id}</source>
        <translation>群 ID {id}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="105" />
        <location filename="../app/qunguan/ui/confirm.py" line="169" />
        <source>user ID {id}, in the group {group}</source>
        <translation>用户 ID {id}，所在群 {group}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="108" />
        <location filename="../app/qunguan/ui/confirm.py" line="176" />
        <source>Loading what this touches…</source>
        <translation>正在加载影响范围…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="110" />
        <source>Touches:</source>
        <translation>影响范围：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="112" />
        <location filename="../app/qunguan/ui/confirm.py" line="172" />
        <source>This does not happen now. It becomes a proposal that a second supervisor must approve; nothing changes for {target} until then.</source>
        <translation>此操作不会立即执行，而是成为一项提议，须由另一名主管批准；在此之前 {target} 不会有任何变化。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="122" />
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="124" />
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="125" />
        <source>Type the group's name exactly to confirm:</source>
        <translation>请准确输入群名称以确认：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="126" />
        <source>Type the user's display name exactly to confirm:</source>
        <translation>请准确输入用户昵称以确认：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="138" />
        <source>Propose: {action}</source>
        <translation>提议：{action}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="143" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="186" />
        <source>the platform answered for another action</source>
        <translation>平台返回的是另一项操作的结果</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="191" />
        <source>Members who lose the group: {members}
Messages in the group: {messages}
Owner and admins who lose their role: {admins}
Groups dissolved: {groups}</source>
        <translation>失去该群的成员：{members}
群内消息：{messages}
失去身份的群主和管理员：{admins}
解散的群组：{groups}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="196" />
        <source>Accounts affected: {members}
Messages this user sent: {messages}
Groups this user is in: {groups}
Of those, groups they own or administer: {admins}</source>
        <translation>受影响的账号：{members}
该用户发送的消息：{messages}
该用户所在的群：{groups}
其中由其担任群主或管理员的群：{admins}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="206" />
        <source>Could not load what this touches: {error}
It cannot be proposed without that. Close and try again.</source>
        <translation>无法加载影响范围：{error}
没有影响范围无法提议，请关闭后重试。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="218" />
        <source>Wait for what it touches to load.</source>
        <translation>请等待影响范围加载完成。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="220" />
        <source>Choose a reason.</source>
        <translation>请选择理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="222" />
        <source>Type the name exactly.</source>
        <translation>请准确输入名称。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="227" />
        <source>Applies to: {target}.</source>
        <translation>适用于：{target}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="230" />
        <source>Reason: {reason}.</source>
        <translation>理由：{reason}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/confirm.py" line="231" />
        <source>Only proposed: nothing happens until a second supervisor approves it.</source>
        <translation>仅为提议：须经另一名主管批准后才会执行。</translation>
    </message>
</context>
<context>
    <name>DurationChooser</name>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="273" />
        <source>Custom:</source>
        <translation>自定义：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="279" />
        <source>Custom days</source>
        <translation>自定义天数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="281" />
        <source> d</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="284" />
        <source>Custom hours</source>
        <translation>自定义小时数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="286" />
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="291" />
        <source>Until lifted</source>
        <translation>直至解除</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="311" />
        <source>Ends: {end}</source>
        <translation>结束：{end}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="313" />
        <source>Choose between 1 hour and {limit}.</source>
        <translation>请在 1 小时到 {limit} 之间选择。</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="112" />
        <source>until lifted</source>
        <translation>直至解除</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="118" />
        <source>{n} day</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="119" />
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="121" />
        <source>{n} hour</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="122" />
        <source>{n} hours</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="124" />
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="130" />
        <source>no end: until a moderator lifts it</source>
        <translation>无结束：直到审核员解除</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="16" />
        <source>The server's certificate could not be verified. Qunguan never bypasses this; if your platform uses its own certificate authority, set its CA bundle in the server profile.</source>
        <translation>无法验证服务器证书。群管绝不绕过证书验证；如果您的平台使用自己的证书颁发机构，请在服务器配置中设置其 CA 证书。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="20" />
        <source>The platform cannot be reached. Your decisions are kept and sent when it is back.</source>
        <translation>无法连接平台。您的处置已保存，将在平台恢复后发送。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="24" />
        <source>This account is locked after too many failed attempts. Try again in {n} minutes.</source>
        <translation>登录失败次数过多，账号已被锁定。请在 {n} 分钟后重试。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="28" />
        <source>Enter the six-digit code from your authenticator app.</source>
        <translation>请输入身份验证器应用中的六位验证码。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="30" />
        <source>The authenticator code is wrong or has expired.</source>
        <translation>验证码错误或已过期。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="32" />
        <source>This account is disabled. Ask an administrator.</source>
        <translation>此账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="34" />
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="36" />
        <source>Your session has expired. Log in again; nothing is lost.</source>
        <translation>会话已过期，请重新登录；不会丢失任何内容。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="38" />
        <source>The platform sent an answer Qunguan cannot read. Nothing was changed here.</source>
        <translation>平台返回了群管无法识别的应答，本地未做任何更改。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="41" />
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="43" />
        <source>The platform no longer has this item.</source>
        <translation>平台上已不存在此项。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="45" />
        <source>Someone else changed this case first: {detail}</source>
        <translation>其他人已先修改了此案件：{detail}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="48" />
        <source>The platform refused: {detail}</source>
        <translation>平台拒绝：{detail}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="55" />
        <source>The server profile cannot be used: the address must start with http:// or https://, and a CA bundle, if given, must be an existing file.</source>
        <translation>无法使用此服务器配置：地址必须以 http:// 或 https:// 开头；如指定 CA 证书，该文件必须存在。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="59" />
        <source>No secure system keyring is available, so the login cannot be remembered.</source>
        <translation>没有可用的安全系统密钥环，无法记住登录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="62" />
        <source>The local cache was written by a newer version of Qunguan. Update Qunguan to open it.</source>
        <translation>本地缓存由更新版本的群管写入，请升级群管后再打开。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/errors.py" line="66" />
        <source>Unexpected error: {kind}</source>
        <translation>意外错误：{kind}</translation>
    </message>
</context>
<context>
    <name>FlagPanel</name>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="333" />
        <source>Case {id} · {group} #{gid} · tier {tier}</source>
        <translation>案件 {id} · {group} #{gid} · 第 {tier} 级</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="335" />
        <source>Reports: {n}</source>
        <translation>举报：{n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="346" />
        <source>Signals: {n}</source>
        <translation>自动信号：{n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="351" />
        <source>Suggested reason: {reason}</source>
        <translation>建议理由：{reason}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="356" />
        <source>Not claimed.</source>
        <translation>未认领。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="358" />
        <source>Claimed by {who} until {when}.</source>
        <translation>由 {who} 认领，至 {when}。</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="110" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="122" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="115" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="116" />
        <source>The menus, the action bar and the queue change at once; a few texts already shown change when they are shown again, and everything at the next start.</source>
        <translation>菜单、操作栏和队列立即切换；少数已显示的文字在再次显示时切换，其余全部在下次启动时切换。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="122" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="123" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="127" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="237" />
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="238" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="239" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="240" />
        <source>Members / cap</source>
        <translation>成员数 / 成员上限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="241" />
        <source>Owner (creator)</source>
        <translation>群主（创建者）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="242" />
        <source>Admins</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="243" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="244" />
        <source>Recent sanctions</source>
        <translation>近期处罚</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="245" />
        <source>Officers' actions</source>
        <translation>群主和群管理员的操作</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="246" />
        <source>What the owner and admins did in the group themselves, newest first</source>
        <translation>群主和群管理员自己在群内的操作，最新的在前</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="253" />
        <source>removed a message by {target}</source>
        <translation>删除了 {target} 的一条消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="254" />
        <source>removed {target} from the group</source>
        <translation>将 {target} 移出群聊</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="255" />
        <source>muted {target}</source>
        <translation>将 {target} 禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="256" />
        <source>invited {target}</source>
        <translation>邀请了 {target}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="257" />
        <source>renamed the group: {note}</source>
        <translation>修改群名：{note}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="258" />
        <source>announced: {note}</source>
        <translation>发布群公告：{note}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="259" />
        <source>made {target} an admin</source>
        <translation>将 {target} 设为群管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="263" />
        <source>owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="263" />
        <source>admin</source>
        <translation>群管理员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="270" />
        <source>work</source>
        <translation>工作</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="270" />
        <source>family</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="270" />
        <source>school</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="271" />
        <source>trading</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="271" />
        <source>fan club</source>
        <translation>粉丝</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="271" />
        <source>neighbourhood</source>
        <translation>邻里</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="272" />
        <source>interest</source>
        <translation>兴趣</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="274" />
        <source>{category} · tier {tier}</source>
        <translation>{category} · 第 {tier} 级</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="276" />
        <source>{count} / {cap}</source>
        <translation>{count} / {cap}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="278" />
        <source>over the cap by {n}</source>
        <translation>超出上限 {n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="280" />
        <source>real-name verified ✓</source>
        <translation>已实名认证 ✓</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="281" />
        <source>not real-name verified ✗</source>
        <translation>未实名认证 ✗</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="282" />
        <location filename="../app/qunguan/ui/panels.py" line="288" />
        <source>{name} (credit {score})</source>
        <translation>{name}（信用分 {score}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="291" />
        <source>admin rights suspended until {when}</source>
        <translation>管理权限暂停至 {when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="294" />
        <location filename="../app/qunguan/ui/panels.py" line="301" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="295" />
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="295" />
        <source>restricted</source>
        <translation>受限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="295" />
        <source>muted</source>
        <translation>禁言中</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="296" />
        <source>dissolved</source>
        <translation>已解散</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="299" />
        <source>until {when}</source>
        <translation>至 {when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="304" />
        <source>none on record: the owner and admins have not acted in this group</source>
        <translation>无记录：群主和群管理员未在本群做过任何处理</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="55" />
        <source>Information review: the message was checked and breaks no rule.</source>
        <extracomment>The articles each action serves, for the help text only. The order of the sheet: the action bar's order.</extracomment>
        <translation>信息审核：消息已审核，未违反任何规定。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="57" />
        <source>Information review: illegal or harmful information is removed, and the measure is recorded.</source>
        <translation>信息审核：删除违法或不良信息，并记录处置措施。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="59" />
        <source>Warning and rectification of a user who broke the rules; recorded.</source>
        <translation>对违规用户予以警示整改；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="61" />
        <source>Suspends the user's posting in every group for a time; recorded.</source>
        <translation>在所有群组中对该用户限时禁言；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="63" />
        <source>Suspends the user's account for a time; recorded.</source>
        <translation>限时暂停该用户的账号；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="65" />
        <source>Closes the account of a user who broke the rules gravely; recorded.</source>
        <translation>封禁严重违规用户的账号；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="67" />
        <source>Puts the user on the blacklist and reports them; recorded.</source>
        <translation>将该用户列入黑名单并报告；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="69" />
        <source>Warning and rectification of a group (no invites, links or files), under graded management of groups; recorded.</source>
        <translation>按群组分级管理，对群组予以警示整改（禁止邀请、链接和文件）；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="72" />
        <source>Suspends posting in the group: only its owner and administrators may post; recorded.</source>
        <translation>群内暂停发布信息（全员禁言）：仅群主和群管理员可发言；已记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="74" />
        <source>Closes the group; recorded and reportable to the authorities.</source>
        <translation>解散群组；已记录，可向主管部门报告。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="76" />
        <source>Group creators and administrators answer for their groups: suspends an officer's administrator rights.</source>
        <translation>群组建立者、管理者对群组负管理责任：暂停其管理权限。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="79" />
        <source>Group creators and administrators answer for their groups: revokes the right to create groups.</source>
        <translation>群组建立者、管理者对群组负管理责任：取消其建群资格。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="82" />
        <source>Lowers the credit rating of a group creator or administrator under the credit system.</source>
        <translation>依据信用等级管理体系，降低群组建立者或管理者的信用分。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="84" />
        <source>Emergency response and prompt handling of reports: hands the case to a supervisor.</source>
        <translation>应急处置与及时处理举报：将案件升级处理，交由主管。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="86" />
        <source>Adds to the record of the case, which is kept for inspection for at least six months.</source>
        <translation>补充案件记录；记录至少保存六个月，以备检查。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="94" />
        <source>Art. {articles}</source>
        <translation>第 {articles} 条</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="100" />
        <source>{why} Group information provisions, {articles}.</source>
        <translation>{why}《互联网群组信息服务管理规定》{articles}。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="86" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="86" />
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="86" />
        <source>Action</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="86" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="87" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="87" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="87" />
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="87" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>IncidentWindow</name>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="64" />
        <source>Incidents (emergency response)</source>
        <translation>应急事件（应急处置）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="80" />
        <source>Incidents</source>
        <extracomment>The platform's clock minus this workstation's (undo windows run in the platform's time).</extracomment>
        <translation>应急事件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="82" />
        <source>New incident</source>
        <translation>新建应急事件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="85" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="93" />
        <source>What belongs to the wave (any one criterion is enough)</source>
        <translation>哪些内容属于本次事件（满足任一条件即可）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="96" />
        <source>e.g. stock-tip scam posted in many groups</source>
        <translation>例如：多群群发的荐股诈骗</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="98" />
        <source>words or addresses, separated by commas</source>
        <translation>关键词或网址，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="100" />
        <source>a Python regular expression (optional)</source>
        <translation>Python 正则表达式（可选）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="102" />
        <source>media hashes, separated by commas</source>
        <translation>媒体哈希，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="104" />
        <source>user ids, separated by commas</source>
        <translation>用户 ID，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="108" />
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="109" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="110" />
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="111" />
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="112" />
        <source>Media hashes</source>
        <translation>媒体哈希</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="113" />
        <source>Senders</source>
        <translation>发送者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="114" />
        <source>Messages of the last</source>
        <translation>时间范围：最近</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="116" />
        <source>Preview</source>
        <translation>预览影响范围</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="119" />
        <source>Open incident and page supervisors</source>
        <translation>开启应急事件并通知主管</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="123" />
        <source>Close incident</source>
        <translation>关闭应急事件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="136" />
        <location filename="../app/qunguan/ui/incidents.py" line="139" />
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="136" />
        <location filename="../app/qunguan/ui/incidents.py" line="137" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="136" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="136" />
        <location filename="../app/qunguan/ui/incidents.py" line="138" />
        <source>Matches</source>
        <translation>命中</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="137" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="137" />
        <source>Credit</source>
        <translation>信用分</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="137" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="139" />
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="139" />
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="139" />
        <source>Sender</source>
        <translation>发送者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="140" />
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="141" />
        <source>Groups</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="142" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="143" />
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="148" />
        <source>Act in stages (one action, one reason, over what was previewed)</source>
        <translation>分阶段处置（每阶段一种处置、一个理由，范围即预览所见）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="153" />
        <source>Delete the messages</source>
        <translation>删除这些消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="154" />
        <source>Mute the senders</source>
        <translation>禁言这些发送者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="155" />
        <source>Suspend the senders</source>
        <translation>暂停这些发送者的账号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="156" />
        <source>Restrict the groups</source>
        <translation>限制这些群的功能</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="162" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="164" />
        <source>Note for the record</source>
        <translation>记录备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="165" />
        <source>Action</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="166" />
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="167" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="168" />
        <source>Apply stage</source>
        <translation>执行本阶段</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="181" />
        <source>Undo the selected stage</source>
        <translation>撤回所选阶段</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="179" />
        <location filename="../app/qunguan/ui/incidents.py" line="187" />
        <source>Stages</source>
        <translation>处置阶段</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="220" />
        <source>Senders are user ids (numbers).</source>
        <translation>发送者须为用户 ID（数字）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="226" />
        <source>The regular expression does not compile: {error}</source>
        <translation>正则表达式无法编译：{error}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="233" />
        <source>The definition is not valid: {error}</source>
        <translation>事件定义无效：{error}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="265" />
        <source>Matching…</source>
        <translation>正在匹配…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="277" />
        <source>Preview taken in {seconds:.2f} s on the platform.</source>
        <translation>平台用时 {seconds:.2f} 秒完成预览。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="292" />
        <source>Preview to see what the wave reaches before acting.</source>
        <translation>处置前请先预览，查看本次事件的影响范围。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="295" />
        <source>{messages} messages in {groups} groups from {users} senders; {members} members reached; {cases} open cases</source>
        <translation>{groups} 个群中的 {messages} 条消息，来自 {users} 个发送者；波及 {members} 名成员；{cases} 个待处理案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="325" />
        <source>#{id} {title} ({when})</source>
        <translation>#{id} {title}（{when}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="327" />
        <source>opened by {who}</source>
        <translation>由 {who} 开启</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="360" />
        <source>Give the incident a title.</source>
        <translation>请填写应急事件标题。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="369" />
        <source>Incident #{id} is open; supervisors see it in their status bar.</source>
        <translation>应急事件 #{id} 已开启；主管们会在状态栏看到它。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="402" />
        <source>Choose the reason for this stage.</source>
        <translation>请为本阶段选择处理理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="410" />
        <source>Applying the stage…</source>
        <translation>正在执行本阶段…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="416" />
        <source>Stage {n} applied ({counts}); it can be undone until {when}.</source>
        <translation>第 {n} 阶段已执行（{counts}）；可在 {when} 前撤回。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="437" />
        <source>undone {when}</source>
        <translation>已于 {when} 撤回</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="440" />
        <source>undo possible for {m}:{s:02d}</source>
        <translation>还可撤回 {m}:{s:02d}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="442" />
        <source>final</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="444" />
        <source>Stage {n}: {action} · {reason} by {who} — {counts} — {state}</source>
        <translation>第 {n} 阶段：{action} · {reason}，执行人 {who} — {counts} — {state}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="452" />
        <source>messages deleted</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="452" />
        <source>users sanctioned</source>
        <translation>处罚用户</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="453" />
        <source>groups restricted</source>
        <translation>限制群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="453" />
        <source>cases resolved</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="454" />
        <source>decisions</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="454" />
        <source>sanctions</source>
        <translation>处罚</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="455" />
        <source>credit changes</source>
        <translation>信用变动</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/incidents.py" line="480" />
        <source>Stage {n} undone: what it changed is restored.</source>
        <translation>第 {n} 阶段已撤回：其改动均已恢复。</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="52" />
        <source>Open a link from a message?</source>
        <translation>打开消息中的链接？</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="62" />
        <source>This link comes from a message on the platform and may lead to a scam or to malware. Check the whole address before you open it in your browser.</source>
        <translation>此链接来自平台上的消息，可能指向诈骗或恶意软件。在浏览器中打开之前，请核对完整地址。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="77" />
        <source>Site: {host}</source>
        <translation>网站：{host}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="85" />
        <source>The address has a user name before "@" ({userinfo}): the site is only what follows it.</source>
        <translation>地址在“@”之前含有用户名（{userinfo}）：真正的网站是“@”之后的部分。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="90" />
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="94" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="106" />
        <source>Link not opened</source>
        <translation>未打开链接</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/links.py" line="108" />
        <source>Qunguan opens only web addresses (http or https). This link was not opened:
{url}</source>
        <translation>群管只打开网页地址（http 或 https）。此链接未打开：
{url}</translation>
    </message>
</context>
<context>
    <name>LocalDataPage</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="223" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="226" />
        <source>Forget cases opened more than</source>
        <translation>清除打开时间超过以下期限的案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="229" />
        <source>Cases kept on this computer hold conversations and personal data. Older ones are forgotten at each login; decisions not yet sent and cases taken offline are always kept.</source>
        <translation>本机保存的案件包含会话内容和个人信息。较早的案件在每次登录时清除；尚未发送的处置决定和已离线领取的案件始终保留。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="234" />
        <source>Forget the cases kept on this computer now…</source>
        <translation>立即清除本机保存的案件…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="249" />
        <source>Forget local cases</source>
        <translation>清除本地案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="251" />
        <source>Forget every case kept on this computer now?</source>
        <translation>立即清除本机保存的全部案件？</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="253" />
        <source>Their conversations and personal data are deleted here; they are read from the platform again when opened. Decisions not yet sent and cases taken offline are kept.</source>
        <translation>这些案件的会话内容和个人信息将从本机删除；再次打开时会从平台重新读取。尚未发送的处置决定和已离线领取的案件会保留。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="255" />
        <source>Forget them</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="272" />
        <source>Forgetting…</source>
        <translation>正在清除…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="277" />
        <source>{n} cases were forgotten.</source>
        <translation>已清除 {n} 个案件。</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="71" />
        <location filename="../app/qunguan/ui/logview.py" line="81" />
        <source>Log</source>
        <extracomment>How much of the newest log is shown (some 600 lines; the whole file, which rotates at 2 MB, is one click away in its folder). Setting 100 kB in the text view took 6 to 28 ms on the GUI thread on a loaded 2-core machine, 64 kB stays near a frame.</extracomment>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="87" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="90" />
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="93" />
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="109" />
        <source>Reading the log…</source>
        <translation>正在读取日志…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="119" />
        <source>The log is empty.</source>
        <translation>日志为空。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/logview.py" line="122" />
        <source>The newest %n line(s) of the log.</source>
        <translation>
            <numerusform>日志最新的 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="129" />
        <source>The log could not be read: {error}</source>
        <translation>无法读取日志：{error}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/logview.py" line="136" />
        <source>The log's path is on the clipboard.</source>
        <translation>日志路径已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="43" />
        <source>Log in to Qunguan</source>
        <translation>登录群管</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="54" />
        <source>New server profile</source>
        <translation>新建服务器配置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="57" />
        <source>Profile:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="61" />
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="65" />
        <source>optional: the platform's own CA certificate (PEM)</source>
        <translation>可选：平台自己的 CA 证书（PEM）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="66" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="70" />
        <source>CA bundle:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="73" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="77" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="82" />
        <source>Authenticator code:</source>
        <translation>验证码：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="85" />
        <source>Remember me on this computer</source>
        <translation>在此电脑上记住我</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="88" />
        <source>The login is kept in the system keyring; File &gt; Log out forgets it.</source>
        <translation>登录保存在系统密钥环中；“文件 &gt; 退出登录”会将其清除。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="92" />
        <source>No secure system keyring is available, so Qunguan cannot remember the login.</source>
        <translation>没有可用的安全系统密钥环，群管无法记住登录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="99" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="103" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="116" />
        <source>The saved server profiles could not be read and were set aside.</source>
        <translation>无法读取已保存的服务器配置，已将其另存备份。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="130" />
        <source>The platform's CA certificate</source>
        <translation>平台的 CA 证书</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="131" />
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="146" />
        <source>Enter the server, your user name and your password.</source>
        <translation>请输入服务器、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="150" />
        <source>Enter the six-digit code from your authenticator app.</source>
        <translation>请输入身份验证器应用中的六位验证码。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/login.py" line="157" />
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="97" />
        <source>Qunguan — group moderation</source>
        <translation>群管 — 群组内容审核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="119" />
        <source>Queues</source>
        <translation>审核队列</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="120" />
        <source>Which cases the table shows, with how many each queue holds</source>
        <translation>表格显示哪些案件，以及每个队列的案件数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="125" />
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="125" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="125" />
        <source>Taken offline</source>
        <translation>已离线领取</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="126" />
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="127" />
        <source>Appeals</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="127" />
        <source>Needs second approval</source>
        <translation>待二次审批</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="134" />
        <source>Search cases (Ctrl+F)</source>
        <translation>搜索案件（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/icons.py" line="188" />
        <location filename="../app/qunguan/ui/main_window.py" line="136" />
        <source>Search cases</source>
        <extracomment>The icon of each action (the decision menus and the action bar's buttons). The main window's menu items, by objectName. The main window's buttons, by objectName (the action bar's are ``act_&lt;name&gt;``). The supervisor's desk's and the incident window's main buttons, by objectName.</extracomment>
        <translation>搜索案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="137" />
        <source>Filters the queue by words in the message, group or sender</source>
        <translation>按消息、群组或发布者中的文字筛选队列</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="139" />
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="144" />
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="145" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="146" />
        <source>ILL illegal</source>
        <translation>ILL 违法信息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="147" />
        <source>NEG negative</source>
        <translation>NEG 不良信息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="148" />
        <source>PLT platform rules</source>
        <translation>PLT 平台规则</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="152" />
        <source>Priority filter</source>
        <translation>优先级筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="153" />
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="154" />
        <source>urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="154" />
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="155" />
        <source>normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="155" />
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="159" />
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="160" />
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="161" />
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="161" />
        <source>claimed</source>
        <translation>已认领</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="165" />
        <source>group #</source>
        <translation>群号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="167" />
        <source>Group number filter</source>
        <translation>群组编号筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="168" />
        <source>Shows only the cases of the group with this number</source>
        <translation>只显示该编号群组的案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="169" />
        <source>Assigned to me</source>
        <translation>分配给我</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="176" />
        <source>Case queue</source>
        <translation>案件审核队列</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="178" />
        <source>J and K move to the next or previous case; the case opens beside</source>
        <translation>J 和 K 移到下一个或上一个案件；案件在旁边打开</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="199" />
        <source>Take over this case</source>
        <translation>接管此案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="203" />
        <source>Select a case in the queue (J/K to move).</source>
        <translation>在队列中选择一个案件（J/K 移动）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="212" />
        <source>Reports and signals</source>
        <translation>举报与自动识别信号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="228" />
        <source>Sender and group</source>
        <translation>发布者与群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="257" />
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="273" />
        <source>first sync %v of %m</source>
        <translation>首次同步 %v / %m</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="284" />
        <source>Open incidents</source>
        <translation>进行中的应急事件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="294" />
        <source>not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="298" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="299" />
        <source>Refresh queue (F5)</source>
        <translation>刷新队列（F5）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="302" />
        <source>Take cases offline…</source>
        <translation>离线领取案件…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="305" />
        <source>Conflicts and refused decisions…</source>
        <translation>冲突与被拒绝的处置…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="309" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="312" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="316" />
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="319" />
        <source>&amp;Supervision</source>
        <translation>督导(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="320" />
        <source>Supervisor's desk…</source>
        <translation>主管工作台…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="323" />
        <source>Incidents (emergency response)…</source>
        <translation>应急事件（应急处置）…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="326" />
        <source>Personal data exports…</source>
        <translation>个人信息导出…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="335" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="336" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="337" />
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="340" />
        <source>Actions and the provisions…</source>
        <translation>处置措施与规定条款…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="343" />
        <source>Log…</source>
        <translation>日志…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="365" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="517" />
        <source>Ban ▾</source>
        <translation>封禁 ▾</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="371" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="518" />
        <source>Group ▾</source>
        <translation>群组 ▾</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="376" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="519" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="497" />
        <source>{queue}  {count}</source>
        <translation>{queue}  {count}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="520" />
        <source>No more cases in this queue. F5 refreshes it.</source>
        <translation>此队列已没有更多案件。按 F5 刷新。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="568" />
        <location filename="../app/qunguan/ui/main_window.py" line="585" />
        <source>You cannot decide it unless you take it over.</source>
        <translation>除非接管，否则您无法处置此案件。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="587" />
        <source>Case {id} is held by {who}.</source>
        <translation>案件 {id} 由 {who} 持有。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="595" />
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="596" />
        <source>Take case {id} over from {who}? They will be told the case is yours now.</source>
        <translation>从 {who} 手中接管案件 {id} 吗？对方会收到案件已归您处理的通知。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="618" />
        <source>This conversation has no attachments.</source>
        <translation>此对话没有附件。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="621" />
        <source>Nothing is held back in this case's category (View &gt; Wellbeing… sets what is).</source>
        <translation>此案件的处理理由类别未设置遮挡（可在“视图 &gt; 身心防护…”中设置）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="624" />
        <source>Attachments shown ({n} this session). R hides them again.</source>
        <translation>已显示附件（本次会话第 {n} 次）。按 R 再次隐藏。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="625" />
        <source>Attachments hidden.</source>
        <translation>附件已隐藏。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="645" />
        <source>Select a case first.</source>
        <translation>请先选择案件。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="648" />
        <source>Case {id} is held by {who}; take it over first.</source>
        <translation>案件 {id} 由 {who} 持有；请先接管。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="652" />
        <source>This case was already decided here. Z undoes it while it is unsent.</source>
        <translation>此案件已在此处处置。未发送前可按 Z 撤销。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="690" />
        <source>{action} (pending)</source>
        <translation>{action}（待同步）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="697" />
        <source>{action}: case {id}{reason}. Z to undo while it is unsent.</source>
        <translation>{action}：案件 {id}{reason}。未发送前可按 Z 撤销。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="701" />
        <source>This is a proposal: a second supervisor must approve it.</source>
        <translation>这是一项提议：须由另一名主管批准。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="713" />
        <source>Nothing to undo: the last decision has already been sent.</source>
        <translation>没有可撤销的内容：上一项处置已发送。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="719" />
        <source>Undone: {action} on case {id}.</source>
        <translation>已撤销：案件 {id} 的{action}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="730" />
        <source>Sync: {problem} Trying again in {s} s.</source>
        <translation>同步：{problem} 将在 {s} 秒后重试。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="731" />
        <source>the platform cannot be reached.</source>
        <translation>无法连接平台。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="733" />
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="736" />
        <source>{conflicts} conflicts and {failed} refused decisions need attention.</source>
        <translation>{conflicts} 个冲突和 {failed} 项被拒绝的处置需要处理。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="757" />
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="759" />
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="759" />
        <source>○ offline: decisions are kept</source>
        <translation>○ 离线：处置已保存</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="763" />
        <source>%n pending sync</source>
        <translation>
            <numerusform>%n 项待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="785" />
        <source>%n open incident(s): open the incident window</source>
        <translation>
            <numerusform>%n 个进行中的应急事件：点击打开应急窗口</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="802" />
        <source>⚠ %n need attention</source>
        <translation>
            <numerusform>⚠ %n 项待处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="836" />
        <source>%n case(s) taken offline for three days.</source>
        <translation>
            <numerusform>已离线领取 %n 个案件，期限三天。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/qunguan/ui/main_window.py" line="838" />
        <source>%n held by others and skipped.</source>
        <translation>
            <numerusform>%n 个已被他人认领，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="783" />
        <source>⚠ Incident open: {titles}</source>
        <translation>⚠ 应急事件进行中：{titles}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="803" />
        <source>Conflicts and decisions the platform refused: open to resolve them.</source>
        <translation>冲突及被平台拒绝的处置：点击打开处理。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/main_window.py" line="840" />
        <source>Stopped: {problem}</source>
        <translation>已停止：{problem}</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="217" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="218" />
        <source>At most 2000 characters, kept with the decision</source>
        <translation>最多 2000 个字符，随处置一并保存</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="220" />
        <source>Optional note for the record (Ctrl+Enter decides)</source>
        <translation>可选备注，将记入记录（Ctrl+Enter 提交）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/decide.py" line="239" />
        <source>{count} / {limit}</source>
        <translation>{count} / {limit}</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="62" />
        <source>applied</source>
        <translation>已执行</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="63" />
        <source>no violation</source>
        <translation>未违规</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="64" />
        <source>proposed</source>
        <translation>已提议</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="65" />
        <source>escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="66" />
        <source>noted</source>
        <translation>已备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="67" />
        <source>confirmed</source>
        <translation>已维持</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="68" />
        <source>overturned</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="61" />
        <source>reporter not told yet</source>
        <extracomment>How many of the owner's and admins' own actions the group panel lists.</extracomment>
        <translation>尚未告知举报人</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="63" />
        <source>action taken</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="64" />
        <source>no violation found</source>
        <translation>未发现违规</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="65" />
        <source>the action was withdrawn on review</source>
        <translation>复核后已撤销处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="66" />
        <source>being reviewed again</source>
        <translation>正在重新审核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="70" />
        <source>reporter told {when}: {what}</source>
        <translation>已于 {when} 告知举报人：{what}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="80" />
        <source>{d}d {h}h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="82" />
        <source>{h}h {m}m</source>
        <translation>{h}小时{m}分</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="84" />
        <source>Time to handle: deadline {when}; resolved</source>
        <translation>处理时限：{when} 到期；已处理完毕</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="87" />
        <source>Time to handle: due {when}, {left} left</source>
        <translation>处理时限：{when} 到期，剩余 {left}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="90" />
        <source>Time to handle: OVERDUE since {when} ({late} late)</source>
        <translation>处理时限：已于 {when} 超时（已超时 {late}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="93" />
        <source>Overdue: priority raised {when}</source>
        <translation>已超时:{when} 已提高优先级</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="96" />
        <source>Rule: {rule}</source>
        <translation>规则：{rule}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="102" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="103" />
        <source>mute</source>
        <translation>禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="104" />
        <source>suspension</source>
        <translation>暂停账号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="105" />
        <source>ban</source>
        <translation>封禁</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="106" />
        <source>blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="107" />
        <source>group restricted</source>
        <translation>群组受限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="108" />
        <source>group muted</source>
        <translation>全群禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="109" />
        <source>group dissolved</source>
        <translation>群组已解散</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="110" />
        <source>admin rights suspended</source>
        <translation>管理权限已暂停</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="111" />
        <source>may not create groups</source>
        <translation>不得建群</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="115" />
        <source>until {when}</source>
        <translation>至 {when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="131" />
        <source>next point due {when}</source>
        <translation>下一分 {when} 恢复</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="133" />
        <source>at the maximum</source>
        <translation>已达上限</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="142" />
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>PiExportDialog</name>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="85" />
        <source>Personal data exports</source>
        <translation>个人信息导出</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="92" />
        <source>Unmasked names and phones of several users leave the platform only on a request that a second supervisor approves; the one who asked saves it once. Every step is audited.</source>
        <translation>批量导出多名用户未脱敏的姓名和手机号，须提出申请并经另一名主管批准；由申请人保存一次。每一步都记入审计日志。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="100" />
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="100" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="100" />
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="100" />
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="100" />
        <location filename="../app/qunguan/ui/pi_export.py" line="146" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="101" />
        <location filename="../app/qunguan/ui/pi_export.py" line="148" />
        <source>Reason</source>
        <translation>处理理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="101" />
        <source>Reviewed by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="114" />
        <source>Note for the record (approval or rejection)</source>
        <translation>备注（批准或驳回的说明）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="116" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="119" />
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="122" />
        <source>Save as CSV…</source>
        <translation>保存为 CSV…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="125" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="132" />
        <source>New request</source>
        <translation>新申请</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="136" />
        <source>user ids, separated by commas</source>
        <translation>用户 ID，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="139" />
        <source>or an incident's number: the senders it matches</source>
        <translation>或应急事件编号：导出其匹配到的发送者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="142" />
        <source>Why (e.g. the police request's reference); required</source>
        <translation>理由（如公安机关协查函编号），必填</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="143" />
        <source>Ask for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="147" />
        <source>Incident</source>
        <translation>应急事件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="171" />
        <source>waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="172" />
        <source>approved: ready to save</source>
        <translation>已批准：可保存</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="173" />
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="174" />
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="175" />
        <source>lapsed: not acted on in time, ask again</source>
        <translation>已失效：未在期限内处理，请重新申请</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="178" />
        <source>incident {n}</source>
        <translation>应急事件 {n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="181" />
        <source>{status} (until {time})</source>
        <translation>{status}（有效至 {time}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="218" />
        <source>You asked for this export: another supervisor approves it.</source>
        <translation>这是您提出的导出申请，须由另一名主管批准。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="236" />
        <source>Name the users: a list of user ids, or an incident's number (not both).</source>
        <translation>请指定用户：填写用户 ID 列表或应急事件编号（二选一）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="242" />
        <source>User ids are numbers, separated by commas.</source>
        <translation>用户 ID 是数字，用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="245" />
        <source>An incident's number is a whole number.</source>
        <translation>应急事件编号须为整数。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="248" />
        <source>One export takes at most {n} users.</source>
        <translation>一次导出最多 {n} 名用户。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="251" />
        <source>Give the reason for the export.</source>
        <translation>请填写导出理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="263" />
        <source>Request {id} for {n} users sent: another supervisor must approve it.</source>
        <translation>已提交申请 {id}（{n} 名用户），须由另一名主管批准。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="280" />
        <source>Request {id} approved: {who} can now save it once.</source>
        <translation>申请 {id} 已批准：{who} 现在可以保存一次。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="281" />
        <source>Request {id} rejected.</source>
        <translation>申请 {id} 已驳回。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="289" />
        <source>Save the personal data export</source>
        <translation>保存个人信息导出文件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="290" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/pi_export.py" line="302" />
        <source>Saved {n} users' names and phones to {path}. The file holds unmasked personal data: keep it safe and delete it when done; the platform will not give it again.</source>
        <translation>已将 {n} 名用户的姓名和手机号保存到 {path}。该文件含未脱敏的个人信息：请妥善保管，用完即删；平台不会再次提供。</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="316" />
        <source>Server profiles</source>
        <translation>服务器配置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="317" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="336" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="317" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="337" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="317" />
        <location filename="../app/qunguan/ui/settings_dialog.py" line="338" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="324" />
        <source>Remove the selected server</source>
        <translation>删除所选服务器</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="328" />
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="335" />
        <source>optional: a CA bundle file for a private certificate authority</source>
        <translation>可选：私有证书颁发机构的 CA 证书文件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="339" />
        <source>CA bundle</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="340" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="378" />
        <source>Select a server first.</source>
        <translation>请先选择一个服务器。</translation>
    </message>
</context>
<context>
    <name>ProvisionsSheet</name>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="111" />
        <source>Actions and the provisions</source>
        <translation>处置措施与规定条款</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="114" />
        <source>Each action serves a duty of the Provisions on the Administration of Internet Group Information Services (CAC, in force 8 October 2017). The articles are cited for orientation; every decision is recorded in the audit chain.</source>
        <translation>每项处置措施都对应《互联网群组信息服务管理规定》（国家互联网信息办公室，2017 年 10 月 8 日起施行）中的一项义务。所引条款仅供参考；每项处理决定都记入审计日志。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="119" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="119" />
        <source>Articles</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/help.py" line="119" />
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>QualityTab</name>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="85" />
        <source>Refresh (last 30 days)</source>
        <translation>刷新（近 30 天）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="89" />
        <source>Share sampled for re-review</source>
        <translation>抽样复核比例</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="93" />
        <source>Share of closed, unreviewed decisions drawn for re-review</source>
        <translation>从已结案且未复核的处置中抽取复核的比例</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="95" />
        <source>Sample for re-review</source>
        <translation>抽样复核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="97" />
        <source>Save charts as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="105" />
        <source>Moderators' quality</source>
        <translation>审核员质量</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="107" />
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="107" />
        <source>Decisions</source>
        <translation>处置数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="107" />
        <source>Reviewed</source>
        <translation>已复核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="107" />
        <source>Confirmed</source>
        <translation>维持</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="108" />
        <source>Overturned</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="108" />
        <source>Agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="108" />
        <source>Median time to decide</source>
        <translation>处置用时中位数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="108" />
        <source>By action</source>
        <translation>按处置类型</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="109" />
        <source>By reason code</source>
        <translation>按理由代码</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="134" />
        <source>Loading the statistics…</source>
        <translation>正在加载统计…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="141" />
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="153" />
        <source>{n} moderators, {days} days, backlog now {backlog}, overdue {overdue}.</source>
        <translation>{n} 名审核员，{days} 天；当前积压 {backlog}，超时 {overdue}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="160" />
        <source>Decisions per day by action</source>
        <translation>每日处置（按类型）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="174" />
        <source>{first} to {last}, a bar a day</source>
        <translation>{first} 至 {last}，每柱一天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="189" />
        <source>Backlog and SLA breaches</source>
        <translation>积压与超时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="191" />
        <source>Backlog at the end of the day</source>
        <translation>日终积压</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="192" />
        <source>SLA breaches</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="215" />
        <source>Reason-code mix</source>
        <translation>理由代码构成</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="222" />
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="247" />
        <source>Charts saved in {folder}.</source>
        <translation>图表已保存到 {folder}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="251" />
        <source>Save the charts in</source>
        <translation>图表保存位置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/quality.py" line="277" />
        <source>A sample of {n} closed decisions ({rate} %) for re-review.</source>
        <translation>已抽取 {n} 条已结案处置（{rate}%）待复核。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="194" />
        <source>Priority</source>
        <extracomment>(sort key in the cache, column title); titles are translated in headerData. The theme's colour token for each priority (theme.colour).</extracomment>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="194" />
        <source>SLA left</source>
        <translation>SLA 剩余</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="194" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="194" />
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="195" />
        <source>Reports</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="195" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="195" />
        <source>Claimed by</source>
        <translation>认领人</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="212" />
        <source>Case {id}: {excerpt}</source>
        <translation>案件 {id}：{excerpt}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="242" />
        <source>overdue {time}</source>
        <translation>已超时 {time}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="254" />
        <source>{action} (pending)</source>
        <translation>{action}（待同步）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="270" />
        <source>{n}d</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="272" />
        <source>{n}h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="274" />
        <source>{n}m</source>
        <translation>{n}分</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="280" />
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="281" />
        <source>claimed</source>
        <translation>已认领</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="282" />
        <source>escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="283" />
        <source>resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="284" />
        <source>appealed</source>
        <translation>申诉中</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/queue_model.py" line="285" />
        <source>2nd approval</source>
        <translation>二次审批</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="78" />
        <source>Find a reason</source>
        <translation>查找处理理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="79" />
        <source>Type a code, English or Chinese words; the arrow keys choose</source>
        <translation>输入代码、英文或中文；用方向键选择</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="81" />
        <source>Find a reason: code, English or 中文 (↑↓ to choose)</source>
        <translation>查找理由：代码、英文或中文（↑↓ 选择）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="83" />
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="86" />
        <source>Reasons</source>
        <translation>处理理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="92" />
        <source>No reason matches this search.</source>
        <translation>没有符合搜索的理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="111" />
        <source>{code}: {en} / {zh}</source>
        <translation>{code}：{zh} / {en}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reasons.py" line="113" />
        <source>Illegal information: consider a report to the authorities.</source>
        <translation>违法信息：请考虑向主管部门报告。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="44" />
        <source>Decision</source>
        <extracomment>Relative column widths: id, decided, recorded, moderator, action, reason, outcome, case, review, note.</extracomment>
        <translation>处置编号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="44" />
        <source>Decided</source>
        <translation>处置时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="45" />
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="45" />
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="46" />
        <source>Action</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="46" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="47" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="47" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="48" />
        <source>Review</source>
        <translation>复核</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="48" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="52" />
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="53" />
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="54" />
        <source>Decisions</source>
        <translation>处置数</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="55" />
        <source>Row chain head (SHA-256)</source>
        <translation>行哈希链头（SHA-256）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="56" />
        <source>Platform signature (Ed25519)</source>
        <translation>平台签名（Ed25519）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="57" />
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="58" />
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="59" />
        <source>Audit checkpoint</source>
        <translation>审计检查点</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="60" />
        <source>Checkpoint signature</source>
        <translation>检查点签名</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="62" />
        <source>Qunguan decision history</source>
        <translation>群管处置记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/report.py" line="63" />
        <source>Check the CSV export of the same filters with: qunguan verify-export FILE</source>
        <translation>同一筛选条件的 CSV 导出可用以下命令校验：qunguan verify-export FILE</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="24" />
        <source>Reveal personal data</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="28" />
        <source>Reveal the real name and phone number of {user}?</source>
        <translation>查看 {user} 的真实姓名和手机号吗？</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="30" />
        <source>Reveal this user's real name and phone number?</source>
        <translation>查看此用户的真实姓名和手机号吗？</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="33" />
        <source>The reveal is recorded in the audit trail with your name, the time and the reason you give here.</source>
        <translation>本次查看将连同您的姓名、时间和您在此填写的理由记入审计记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="37" />
        <source>Reason for the reveal</source>
        <translation>查看个人信息的理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="38" />
        <source>Recorded in the audit trail; at least {n} characters</source>
        <translation>记入审计日志；至少 {n} 个字符</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="41" />
        <source>Why do you need it? (for example: report to the police, case 123)</source>
        <translation>为什么需要查看？（例如：向公安机关报案，案件 123）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="42" />
        <source>Write at least {n} characters.</source>
        <translation>请至少填写 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="49" />
        <source>Reveal and record</source>
        <translation>查看并记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/reveal.py" line="51" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SenderPanel</name>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="163" />
        <source>Sender</source>
        <translation>发布者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="164" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="165" />
        <source>Real name</source>
        <translation>实名</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="166" />
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="167" />
        <source>Credit</source>
        <translation>信用分</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="168" />
        <source>Credit limits</source>
        <translation>信用限制</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="169" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="170" />
        <source>Active sanctions</source>
        <translation>生效中的处罚</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="171" />
        <source>Past decisions</source>
        <translation>过往处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="172" />
        <source>Credit history…</source>
        <translation>信用记录…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="174" />
        <source>Each change of the credit score and the published rule that made it</source>
        <translation>信用分的每次变动及引起变动的公开规则</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="179" />
        <source>Reveal personal data…</source>
        <translation>查看个人信息…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="181" />
        <source>Needs a reason; the reveal is recorded in the audit trail.</source>
        <translation>需要填写理由；查看行为将记入审计记录。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="194" />
        <source>verified ✓</source>
        <translation>已实名 ✓</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="194" />
        <source>not verified ✗</source>
        <translation>未实名 ✗</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="195" />
        <source>name {name} · phone {phone}</source>
        <translation>姓名 {name} · 手机 {phone}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="199" />
        <source>{score} ({trend} {delta} in 30 days)</source>
        <translation>{score}（30 天内 {trend} {delta}）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="203" />
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="203" />
        <source>muted</source>
        <translation>禁言中</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="203" />
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="204" />
        <source>banned</source>
        <translation>已封禁</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="204" />
        <source>blacklisted</source>
        <translation>已列入黑名单</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="208" />
        <source>until {when}</source>
        <translation>至 {when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="210" />
        <location filename="../app/qunguan/ui/panels.py" line="218" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="217" />
        <source>{n} in total</source>
        <translation>共 {n} 项</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/panels.py" line="231" />
        <source>name {name} · phone {phone} (revealed)</source>
        <translation>姓名 {name} · 手机 {phone}（已查看）</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="85" />
        <source>Press a key for the action.</source>
        <extracomment>Keys an action may not take: they move in lists, edit text, or close and quit. The action bar's buttons (object name "act_&lt;name&gt;") and the shortcut each shows.</extracomment>
        <translation>请为该操作按一个键。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="87" />
        <source>{key} is reserved: it moves in lists, edits text or closes windows.</source>
        <translation>{key} 为保留键：用于在列表中移动、编辑文字或关闭窗口。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="91" />
        <source>{key} is already the key of “{action}”.</source>
        <translation>{key} 已是“{action}”的快捷键。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="95" />
        <source>{key} is already the key of the menu item “{action}”.</source>
        <translation>{key} 已是菜单项“{action}”的快捷键。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="655" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="404" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="410" />
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="430" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="430" />
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="431" />
        <source>Wellbeing</source>
        <translation>身心防护</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="431" />
        <source>Local data</source>
        <translation>本地数据</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="431" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="432" />
        <source>Server profiles</source>
        <translation>服务器配置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="442" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="443" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="444" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="78" />
        <location filename="../app/qunguan/ui/shortcuts.py" line="82" />
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="83" />
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="83" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="101" />
        <source>Esc or {key} closes this sheet.</source>
        <translation>按 Esc 或 {key} 关闭此列表。</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="30" />
        <source>Next case</source>
        <extracomment>(key in portable text, action id, description). Descriptions are the English sources; :func:`describe` translates them when shown (this module may be imported before the translator is installed).</extracomment>
        <translation>下一个案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="31" />
        <source>Previous case</source>
        <translation>上一个案件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="32" />
        <source>Approve: no violation</source>
        <translation>通过：未违规</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="33" />
        <source>Delete the message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="34" />
        <source>Warn the sender</source>
        <translation>警告发布者</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="35" />
        <source>Mute the sender for a time</source>
        <translation>对发布者限时禁言</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="36" />
        <source>Suspend the sender's account for a time</source>
        <translation>限时暂停发布者账号</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="37" />
        <source>Ban or blacklist the sender (menu)</source>
        <translation>封禁发布者或列入黑名单（菜单）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="38" />
        <source>Group actions (menu)</source>
        <translation>群组操作（菜单）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="39" />
        <source>Escalate to a supervisor</source>
        <translation>上报给主管</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="40" />
        <source>Add a note to the case</source>
        <translation>为案件添加备注</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="41" />
        <source>Undo the last decision while it is unsent</source>
        <translation>撤销尚未发送的上一项处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="42" />
        <source>Reveal or hide attachments</source>
        <translation>显示或隐藏附件</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="43" />
        <source>Search the queue</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="44" />
        <source>Refresh the queue</source>
        <translation>刷新队列</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/shortcuts.py" line="45" />
        <source>Show or close this sheet of shortcuts</source>
        <translation>显示或关闭快捷键列表</translation>
    </message>
</context>
<context>
    <name>ShortcutsPage</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="138" />
        <source>Click a key and press the new one. Esc, Tab, the arrows and the editing keys are kept for moving and typing.</source>
        <translation>点击某个按键后按下新的键。Esc、Tab、方向键和编辑键保留用于移动和输入。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="144" />
        <source>Keys of the actions</source>
        <translation>各操作的按键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="145" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="145" />
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="159" />
        <source>Key for: {action}</source>
        <translation>按键：{action}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="173" />
        <source>Restore default keys</source>
        <translation>恢复默认按键</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="155" />
        <source>Supervisor's desk</source>
        <translation>主管工作台</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="162" />
        <location filename="../app/qunguan/ui/supervisor.py" line="262" />
        <source>Decision history</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="165" />
        <source>Approvals</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="167" />
        <location filename="../app/qunguan/ui/supervisor.py" line="594" />
        <source>Appeals</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="171" />
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="176" />
        <source>Audit trail</source>
        <translation>审计链</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="191" />
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="193" />
        <source>Any action</source>
        <translation>任意处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="197" />
        <source>Any outcome</source>
        <translation>任意结果</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="211" />
        <source>Reason code</source>
        <translation>理由代码</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="213" />
        <source>Text in the note</source>
        <translation>备注中的文字</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="234" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="237" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="238" />
        <source>Every decision these filters match, with a hash chain over the rows signed by the platform; check it with `qunguan verify-export`.</source>
        <translation>导出符合筛选条件的全部处置，各行以哈希链相连并由平台签名；可用 `qunguan verify-export` 校验。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="241" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="242" />
        <source>A report of the decisions these filters match, carrying the row chain's head, the platform's signature and the audit checkpoint.</source>
        <translation>生成符合筛选条件的处置报告，附行哈希链头、平台签名和审计检查点。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="273" />
        <source>Enter or double-click opens the decision as its moderator saw it</source>
        <translation>按回车或双击，按审核员当时所见打开该决定</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="282" />
        <source>The case's audit trail, from the platform's audit chain</source>
        <translation>该案件的审计记录（来自平台审计链）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="287" />
        <source>Open decision…</source>
        <translation>打开决定…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="289" />
        <source>The conversation, sender and group as the moderator saw them, and the case's audit trail</source>
        <translation>审核员当时看到的对话、发送者和群组，以及案件的审计日志</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="303" />
        <source>Reason for the review (required)</source>
        <translation>复核理由（必填）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="305" />
        <source>Confirm</source>
        <translation>维持</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="306" />
        <source>Overturn</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="307" />
        <source>Reverse the decision on the platform where it can be (restore the message, lift the mute or suspension, reopen the group).</source>
        <translation>在平台上尽可能撤回该处置（恢复消息、解除禁言或暂停、恢复群组）。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="338" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="407" />
        <source>{n} decisions shown{more}.</source>
        <translation>已显示 {n} 条处置{more}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="408" />
        <source>, more as you scroll</source>
        <translation>，滚动可加载更多</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="354" />
        <source>Export the history</source>
        <translation>导出处置记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="175" />
        <source>Reports to authorities</source>
        <translation>向主管部门报告</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="202" />
        <source>Any category</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="202" />
        <source>Illegal information (ILL)</source>
        <translation>违法信息（ILL）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="203" />
        <source>Negative information (NEG)</source>
        <translation>不良信息（NEG）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="203" />
        <source>Platform rules (PLT)</source>
        <translation>平台规则（PLT）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="207" />
        <source>Group ID</source>
        <translation>群组 ID</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="220" />
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="220" />
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="221" />
        <source>Action filter</source>
        <translation>处置措施筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="221" />
        <source>Outcome filter</source>
        <translation>结果筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="222" />
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="228" />
        <source>Between</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="281" />
        <source>The case's audit trail</source>
        <translation>案件的审计日志</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="293" />
        <source>Mark reportable</source>
        <translation>标记为需报送</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="295" />
        <source>Mark the decision as one to report to the authorities (Art. 12); the text in the reason field goes with it as a note. Recorded in the audit trail.</source>
        <translation>将该决定标记为需向主管部门报告（第十二条）；理由栏中的文字作为备注一并保存。此操作记入审计日志。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="355" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="360" />
        <source>Export the history as PDF</source>
        <translation>将处置记录导出为 PDF</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="361" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="375" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="383" />
        <source>Exported {n} decisions to {path}; head {head}, signed by key {key}.</source>
        <translation>已导出 {n} 条处置到 {path}；链头 {head}，由密钥 {key} 签名。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="410" />
        <source>The platform cannot be reached: this page is as kept on this workstation, fetched {when}.</source>
        <translation>无法连接平台：此页为本工作站保存的副本，获取于 {when}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="421" />
        <source>Decision {id} is marked for reporting to the authorities.</source>
        <translation>决定 {id} 已标记为需向主管部门报告。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="450" />
        <source>Decision {id} on case {case}: {action} by {who} at {when}</source>
        <translation>处置 {id}（案件 {case}）：{who} 于 {when} 作出“{action}”</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="452" />
        <location filename="../app/qunguan/ui/supervisor.py" line="565" />
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="453" />
        <source>Outcome: {outcome}; review: {review}</source>
        <translation>结果：{outcome}；复核：{review}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="457" />
        <source>Effects: {effects}</source>
        <translation>影响：{effects}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="460" />
        <location filename="../app/qunguan/ui/supervisor.py" line="567" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="488" />
        <source>Give a reason for the review.</source>
        <translation>请填写复核理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="496" />
        <source>Decision {id}: {verdict}. {effects}</source>
        <translation>处置 {id}：{verdict}。{effects}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="509" />
        <source>Proposals waiting for a second supervisor</source>
        <translation>等待第二位主管复核的待复核提议</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="517" />
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="519" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="520" />
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="521" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="538" />
        <source>Case {case}: {action} proposed by {who}, expires {when}</source>
        <translation>案件 {case}：{who} 提议“{action}”，{when} 到期</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="557" />
        <source>No proposals wait for a second supervisor.</source>
        <translation>没有等待第二位主管审批的提议。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="563" />
        <source>{action} on case {case}, proposed by {who} at {when}</source>
        <translation>案件 {case} 的“{action}”，由 {who} 于 {when} 提议</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="566" />
        <source>Touches: {radius}</source>
        <translation>影响范围：{radius}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="571" />
        <source>You proposed this; another supervisor must approve it.</source>
        <translation>这是您的提议，须由另一位主管批准。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="580" />
        <source>Case {case}: {outcome}.</source>
        <translation>案件 {case}：{outcome}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="602" />
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="604" />
        <source>Uphold the decision</source>
        <translation>维持原处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="605" />
        <source>Overturn the decision</source>
        <translation>撤销原处置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="622" />
        <source>Appeal {id} against decision {decision} (case {case}), {when}</source>
        <translation>申诉 {id}：针对处置 {decision}（案件 {case}），{when}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="641" />
        <source>No open appeals.</source>
        <translation>没有待处理的申诉。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="646" />
        <source>User {user} appeals decision {decision} by {who}:</source>
        <translation>用户 {user} 对 {who} 作出的处置 {decision} 提出申诉：</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="653" />
        <source>You made the decision appealed against; someone else must decide.</source>
        <translation>被申诉的处置由您作出，须由他人裁决。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="662" />
        <source>Give a reason for the decision on the appeal.</source>
        <translation>请填写申诉裁决理由。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="667" />
        <source>Appeal {id}: decision {decision} {verdict}.</source>
        <translation>申诉 {id}：处置 {decision} {verdict}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="679" />
        <source>Verify audit trail</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="691" />
        <source>Staff member (all when empty)</source>
        <translation>工作人员（留空为全部）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="694" />
        <location filename="../app/qunguan/ui/supervisor.py" line="706" />
        <source>Personal data reveals</source>
        <translation>个人信息查看记录</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="696" />
        <source>Every reveal of personal data: who, whose, when and the reason given (PIPL Art. 51)</source>
        <translation>每次查看个人信息的记录：谁、查看了谁的、何时、给出的理由（《个人信息保护法》第五十一条）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="707" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="707" />
        <source>Staff member</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="707" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="708" />
        <source>Reason given</source>
        <translation>给出的理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="717" />
        <source>Reveals per staff member: {counts}</source>
        <translation>每位工作人员的查看次数：{counts}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="719" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="732" />
        <source>Fetching the audit chain…</source>
        <translation>正在获取审计链…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="744" />
        <source>PASS: {n} events verified; the signed checkpoint at event {seq} (key {key}) is good.</source>
        <translation>通过：已校验 {n} 个事件；事件 {seq} 处的签名检查点（密钥 {key}）有效。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/supervisor.py" line="748" />
        <source>FAIL at event {seq}: {reason}</source>
        <translation>未通过，事件 {seq}：{reason}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="296" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="299" />
        <source>Look for new and changed cases every</source>
        <translation>检查新案件和案件变更的间隔</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/settings_dialog.py" line="300" />
        <source>Decisions are sent within a second whatever this is; F5 looks for cases at once.</source>
        <translation>无论此项如何设置，处置决定都会在一秒内发送；按 F5 可立即检查案件。</translation>
    </message>
</context>
<context>
    <name>Wellbeing</name>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="252" />
        <location filename="../app/qunguan/ui/wellbeing.py" line="400" />
        <source>Remind me in {n} min</source>
        <extracomment>Graphic categories: blurred and greyscale by default, and counted as exposure. Allowed range of each number (values outside are clamped when read).</extracomment>
        <translation>{n} 分钟后提醒</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="254" />
        <location filename="../app/qunguan/ui/wellbeing.py" line="256" />
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="261" />
        <source>Wellbeing…</source>
        <translation>身心防护…</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="320" />
        <source>Severe content this shift: {n}</source>
        <translation>本班次严重不良内容：{n}</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="322" />
        <source>Cases of a severe category opened and protected items revealed since the shift began at {time}. Suggested limit: {limit}.</source>
        <translation>自 {time} 本班次开始以来，打开的严重类别案件和显示的已遮挡内容数。建议上限：{limit}。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="329" />
        <source>You have seen {n} items of severe content this shift (your limit is {limit}). Consider switching to other work for a while, for example the appeals or the spam queue.</source>
        <translation>本班次您已查看 {n} 项严重不良内容（您设置的上限为 {limit}）。建议暂时换做其他工作，例如申诉或垃圾信息队列。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="339" />
        <source>You have been working for {m} minutes without a break. Step away from the screen for {b} minutes: the queue will wait.</source>
        <translation>您已连续工作 {m} 分钟。请离开屏幕休息 {b} 分钟：审核队列会等您。</translation>
    </message>
</context>
<context>
    <name>WellbeingDialog</name>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="491" />
        <source>Wellbeing</source>
        <translation>身心防护</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="499" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="500" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="502" />
        <source>Restore defaults</source>
        <translation>恢复默认设置</translation>
    </message>
</context>
<context>
    <name>WellbeingPage</name>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="419" />
        <source>Pictures and files of the categories you tick stay blurred or grey until you click them (R reveals all of a case). Severe categories (marked ●) count towards your exposure this shift.</source>
        <translation>勾选的处理理由类别中的图片和文件在您点击之前保持模糊或灰度显示（按 R 显示案件中的全部内容）。严重类别（标有 ●）计入本班次的接触量。</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="425" />
        <source>Protection per category</source>
        <translation>各类别的保护设置</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="426" />
        <source>Space ticks the cell: blur, greyscale or hide the text</source>
        <translation>按空格键勾选单元格：模糊、灰度或隐藏文字</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="427" />
        <source>Reason</source>
        <translation>处理理由</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="427" />
        <source>Blur</source>
        <translation>模糊</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="427" />
        <source>Greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="428" />
        <source>Hide text</source>
        <translation>隐藏文字</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="450" />
        <source>Remind me to take a break after (minutes of work)</source>
        <translation>连续工作多久后提醒休息（分钟）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="451" />
        <source>A break lasts (minutes)</source>
        <translation>休息时长（分钟）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="452" />
        <source>Snooze the reminder for (minutes)</source>
        <translation>稍后提醒间隔（分钟）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="453" />
        <source>A new shift starts after a break of (minutes)</source>
        <translation>休息超过多久开始新班次（分钟）</translation>
    </message>
    <message>
        <location filename="../app/qunguan/ui/wellbeing.py" line="454" />
        <source>Suggest other work after this many severe items</source>
        <translation>严重不良内容达到此数量后建议换做其他工作</translation>
    </message>
</context>
</TS>

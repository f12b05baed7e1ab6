"""Text corpora of the demo data (see :mod:`qunguan.server.seed`): names, group names, everyday
chat per group category, and flagged messages per reason code with the words that flag them.

Everything here is invented and deliberately mild: the flagged texts illustrate a reason code
the way a moderator would recognise it, nothing more graphic.  Idols, companies, schools and
estates are made up.  Placeholders in ``{braces}`` are filled by the generator.
"""

from __future__ import annotations

# --- people -------------------------------------------------------------------------------------

#: Common surnames, roughly by frequency (the first ones are drawn more often).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "上官", "司马", "诸葛", "慕容")
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞波斌宇浩凯健俊帆帅旭宁琳雪慧婷颖倩晨欣怡佳"
    "悦思雨梓萱子轩涵博文一诺嘉瑞泽昊然晓东海峰志建国春兰梅金荣新立成辉鑫彤瑶琪"
)

NICK_ADJECTIVES = ("快乐的", "安静的", "努力的", "爱笑的", "追风的", "淡定的", "慵懒的", "奔跑的", "会飞的", "温柔的",
                   "迷路的", "认真的", "佛系", "元气", "早起的")
NICK_NOUNS = ("小鱼", "蜗牛", "猫咪", "兔子", "向日葵", "蒲公英", "大白", "胖虎", "橘子", "柠檬", "西瓜", "月亮",
              "星星",
              "云朵", "咸鱼", "熊猫", "小树", "土豆", "汤圆", "可乐")
NICK_IDIOMS = ("岁月静好", "静待花开", "知足常乐", "平安是福", "随遇而安", "海阔天空", "一路向北", "心若止水",
               "花开富贵",
               "天道酬勤", "宁静致远", "难得糊涂", "春暖花开", "上善若水", "厚德载物", "风轻云淡", "笑看人生",
               "淡然处之")
NICK_HONORIFICS = ("老师", "姐", "哥", "总", "工", "阿姨", "叔", "师傅", "医生")
NICK_TRADES = ("房产", "保险", "装修", "二手车", "美容", "团购", "家政", "水果", "母婴", "茶叶")
ENGLISH_GIVEN = ("Lily", "Kevin", "Amy", "Tony", "Jason", "Cindy", "Eric", "Grace", "Leo", "Mia", "Jack", "Coco",
                 "Vivian", "Frank", "Daisy", "Sam", "Annie", "Oscar", "Zoe", "Ryan", "Emma", "Alex", "Nina", "David",
                 "Sophie", "Mike", "Sarah", "Tom", "Lucy", "Ben", "Hannah", "Lucas", "Chloe", "Peter")
ENGLISH_FAMILY = ("Chen", "Wang", "Li", "Zhang", "Liu", "Smith", "Müller", "Johnson", "Kim", "Tanaka", "Brown",
                  "Garcia", "Dubois", "Rossi", "Nguyen", "Park")
#: Display names of the accounts of the coordinated scam wave.
WAVE_NICKS = ("财富自由导师-Lisa", "王老师（理财）", "股神助理小雅", "VIP客服-小美", "稳健投资顾问", "Amy投资",
              "金牌讲师陈老师", "理财规划师-Kelly", "张教授助理", "牛股推荐官", "首席分析师助理", "财经小助手",
              "李老师带你赚", "量化交易-Jerry", "私募经理-赵总", "内参小秘书", "投资达人Coco", "致富经-小王",
              "VIP服务专员", "涨停先锋")

# --- places and things ------------------------------------------------------------------------

CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "苏州", "长沙", "青岛",
          "厦门")
ESTATES = ("阳光小区", "锦绣花园", "翠湖苑", "金色家园", "滨江壹号", "绿城桂花园", "幸福里", "紫荆苑", "御景湾",
           "东方明珠苑", "枫林晚小区", "书香门第", "和平新村", "春风里")
STREETS = ("长寿路", "解放路", "中山街", "建设路", "人民路", "南京西路", "光明街")
COMPANIES = ("星辰科技", "云帆网络", "蓝海软件", "万象数据", "启明智能", "青禾科技", "恒信咨询", "远航物流", "晨曦传媒")
PROJECTS = ("天枢", "凤凰", "北斗", "灯塔", "磐石", "青鸟", "长城")
DEPARTMENTS = ("市场部", "财务部", "人事行政", "客服中心", "研发一组", "测试组", "销售二部", "运营中心")
SCHOOLS = ("实验小学", "第一中学", "育才中学", "阳光小学", "外国语学校", "第二实验小学", "新华中学")
GRADES = ("一", "二", "三", "四", "五", "六")
IDOLS = ("星河乐队", "林一舟", "苏念", "夏知遥", "白屿", "顾星辰", "南风组合", "陆知行", "沈清欢")
STOCKS = ("宁德新能", "茅台酒业", "东方科技", "华夏银行", "长江电力", "中科芯片", "比亚汽车", "海天食品", "招商证券")
FRUITS = ("砂糖橘", "车厘子", "草莓", "赣南脐橙", "阳光玫瑰葡萄", "芒果", "猕猴桃", "荔枝", "水蜜桃")
FOODS = ("隔夜菜", "方便面", "咸鸭蛋", "小龙虾", "冰淇淋", "味精", "绿豆汤")
MOUNTAINS = ("香山", "莫干山", "凤凰山", "梧桐山", "白云山", "九溪", "四姑娘山")
PLACES = ("地铁站A口", "人民广场", "南门", "万达广场", "体育馆东门", "图书馆门口", "公园北门")
ITEMS = ("iPad", "婴儿车", "电饭煲", "自行车", "显示器", "书桌", "空气净化器", "儿童座椅", "跑步机", "咖啡机")
BOOKS = ("活着", "百年孤独", "平凡的世界", "人类简史", "三体", "围城", "红楼梦", "小王子")
MOVIES = ("长风渡", "流浪星球3", "山河故人", "夏日告白", "追光者")
CAMERAS = ("索尼A7M4", "富士XT5", "佳能R6", "尼康Z6")
GAMES = ("王者峡谷", "原野求生", "星际征途")
BANKS = ("某商业银行", "城市信用社", "某农商行")
BRANDS = ("某东", "某宝", "某多多", "某音")
TIMES = ("上午九点", "上午十点", "下午两点", "下午三点", "下午四点半", "晚上七点", "明早八点", "今晚八点")
EN_TIMES = ("9am", "10:30", "2pm", "3pm", "7pm", "8pm tonight", "tomorrow morning")

# --- groups ----------------------------------------------------------------------------------------

GROUP_NAMES_ZH: dict[str, tuple[str, ...]] = {
    "work": ("开发者交流群", "{company}技术部", "{company}产品研发群", "{project}项目组", "{company}销售冲刺群",
             "{company}{dept}", "{company}全员群", "前端技术交流", "运维值班群", "{city}IT人交流群",
             "{project}项目攻坚小组", "{company}新员工群"),
    "family": ("相亲相爱一家人", "{surname}家大院", "幸福一家人", "{surname}氏家族群", "快乐一家亲", "我们的家",
               "{surname}家三代", "兄弟姐妹群", "{surname}家亲戚群", "家和万事兴"),
    "school": ("{grade}年{cls}班家长群", "{school}{grade}年级{cls}班", "{school}{year}届校友会", "考研互助群",
               "{city}大学{year}级新生群", "高三冲刺群", "{school}家委会", "{grade}年{cls}班家长群（{num}群）"),
    "trading": ("股票交流 VIP 群", "{city}二手闲置交易群", "基金定投交流群", "价值投资俱乐部", "A股复盘群",
                "{estate}闲置转让", "理财学习群", "期货交流群", "{city}二手车交易群", "股票交流 VIP {num}群"),
    "fan_club": ("{idol}全球后援会", "{idol}超话打卡群", "{idol}应援{num}群", "{idol}数据组", "追星小分队",
                 "{idol}{city}站"),
    "neighbourhood": ("{estate}业主群", "{estate}{num}栋邻里群", "{estate}团购群", "{street}街坊群", "{estate}宠物群",
                      "{estate}物业服务群", "{estate}业主群（{num}群）", "{estate}宝妈群"),
    "interest": ("周末徒步群", "{city}摄影爱好者", "钓鱼交流群", "Python 学习群", "读书会", "{city}羽毛球群",
                 "开黑五排群", "猫奴交流群", "烘焙爱好者", "跑步打卡群", "吉他入门交流", "{city}骑行俱乐部"),
}
GROUP_NAMES_EN: dict[str, tuple[str, ...]] = {
    "work": ("Dev Team Shanghai", "Product Sync", "{company_en} Engineering", "Ops On-call"),
    "family": ("The Chen Family", "Family Chat", "Cousins Abroad"),
    "school": ("Parents of Class 3B", "Alumni 2015", "International School Parents", "MBA Study Group"),
    "trading": ("Second-hand Market Pudong", "Value Investors Club", "Stock Talk (EN)"),
    "fan_club": ("Starriver Band Fans (Intl)", "Lin Yizhou Global Fans"),
    "neighbourhood": ("Green Court Residents", "Jing'an Expats", "Riverside Apartments Neighbours"),
    "interest": ("Board Game Night", "Shanghai Hiking Club", "Python Study Group", "Book Club", "Running Crew"),
}
COMPANIES_EN = ("Starlight Tech", "BlueSea Soft", "Nimbus Data", "Orchid Labs")

# --- everyday chat ---------------------------------------------------------------------------------

#: Per category, topics; each topic is a list of lines said in one conversation.
TOPICS_ZH: dict[str, tuple[tuple[str, ...], ...]] = {
    "work": (
        ("明天上午十点开周会，大家准时参加", "会议室改到3楼大会议室了", "@{name} 会议纪要发一下群里", "好的，准时到",
         "今天的站会推迟到{time}", "线上会议链接稍后发", "我这边可能晚到十分钟", "会议材料已经放共享盘了",
         "谁帮忙订一下会议室？", "我订了，{time}，302", "议程第二项我来讲", "下次会议改成双周一次吧"),
        ("测试环境又挂了，谁在看？", "刚发了新版本，大家帮忙回归一下", "这个bug我来跟进", "@{name} PR 帮忙review一下",
         "接口文档更新了，注意看第三节", "今晚十点上线，相关同事留意一下", "回滚了，数据库迁移有问题",
         "CI 一直红，是不是依赖升级了", "需求评审改到周四", "排期有点紧，我跟产品再沟通一下", "日志里全是超时",
         "我本地复现不了", "加了个重试，先观察一下", "监控告警恢复了", "灰度放到20%了，目前正常"),
        ("这个月的报销单周五前交给财务", "发票抬头写公司全称，税号别填错", "下周一开始打卡时间调整为九点半",
         "年假记得在系统里提交申请", "行政通知：明天下午消防演习，听到警报从安全通道撤离", "工牌丢了找谁补办？",
         "找前台，要填个表", "团建地点投票，周五截止", "我投第二个", "{num}号之前把周报发我"),
        ("中午吃什么？", "楼下新开了一家麻辣烫，去试试？", "今天点外卖，有人拼单吗", "我带饭了，你们去吧",
         "下午茶我请，奶茶还是咖啡？", "@{name} 帮我带一杯美式", "奶茶！少糖", "食堂今天有红烧排骨",
         "十二点楼下集合", "走起"),
        ("今晚又要加班了", "辛苦了各位，早点休息", "周末有人在公司吗", "明天调休", "这周五是不是可以早走",
         "项目上线后给大家放半天假", "太好了", "终于搞定了，撤了撤了"),
        ("有人用过 FastAPI 吗，依赖注入怎么测？", "Python 3.12 升级后有坑吗", "推荐一个好用的 ORM",
         "SQLAlchemy 2.0 的写法变化挺大的", "Rust 学习曲线太陡了", "SQLite 开了 WAL 并发写还是要排队",
         "Docker 镜像太大了，怎么瘦身", "用多阶段构建，基础镜像换 slim", "面试被问到 GIL 了", "K8s 的配置文件写吐了",
         "有没有好的 Qt 教程", "PySide6 的文档其实还行", "代码评审能不能别一次提两千行", "哈哈哈哈同意"),
    ),
    "family": (
        ("早上好！", "大家早安，今天降温了，多穿点", "晚安", "祝大家周末愉快", "[玫瑰][玫瑰][玫瑰]", "妈，我们到家了",
         "平安到家了，放心", "路上注意安全", "早点睡，别熬夜", "今天{city}下雨了，出门带伞"),
        ("周末回家吃饭吗？", "今天包了饺子，给你们留了一盒", "我做了红烧肉，晚上过来吃", "@{name} 记得带点水果",
         "妈，少放点盐", "好的好的", "我{time}到", "孩子说想吃外婆做的糖醋排骨", "明天买条鱼",
         "冰箱里还有汤，热一下喝"),
        ("爸最近血压怎么样？", "记得按时吃药", "体检报告出来了，都正常", "天气干燥，多喝水", "膝盖好点没？",
         "明天陪奶奶去医院复查", "挂了{time}的号", "医生说没什么大问题，多休息", "那就好", "少吃点{food}"),
        ("宝宝今天会叫爷爷了！", "这孩子又长高了", "孩子这周末去上钢琴课", "学校开家长会，谁有空去？", "我去吧",
         "期末考得不错，数学九十八", "真棒！奖励一下", "给孙子买了件新棉袄", "太可爱了"),
        ("春节回不回来？", "机票买好了，腊月二十八到", "中秋一起吃饭吧", "红包已发，大家抢", "谢谢老板！",
         "新年快乐，身体健康", "{surname}叔叔家今年在哪过年？", "订了{city}的酒店", "年夜饭我来订"),
        ("家里的燃气费交了吗", "快递到了，在门口柜子里", "网费续了一年", "空调要清洗一下了", "物业说明天停电",
         "我约了师傅{time}来修热水器", "钥匙放在鞋柜上面了", "收到"),
    ),
    "school": (
        ("今天的数学作业是练习册第{num}页", "语文作业：背诵课文第三段，家长检查签字", "请家长在作业本上签字",
         "@{name} 妈妈，今天作业是什么？", "英语听写明天考第五单元", "作业已完成，打卡", "老师，孩子今天发烧请假一天",
         "好的，注意休息", "口算题卡第{num}页也要做吗？", "要的，明天交", "谢谢老师"),
        ("明天学校组织体检，请孩子们吃早饭", "下周三家长会，时间{time}", "秋游费用周五前交给家委会",
         "请家长提醒孩子带校服", "期中考试安排已发，请查收", "校门口施工，接送注意安全", "运动会报名截止到周四",
         "收到，谢谢老师", "收到", "好的老师", "图书馆开放日欢迎家长参加"),
        ("有没有推荐的课外班？", "孩子数学一直跟不上，怎么办", "多做错题本，效果挺好", "谢谢老师！辛苦了！",
         "哪位家长知道校服在哪买？", "学校小卖部旁边那家", "周末有没有一起去科技馆的", "算我一个"),
        ("考研倒计时{num}天，坚持住", "图书馆几点开门？", "早上七点", "谁有高数的笔记", "我有，私发你",
         "这学期的选课系统开了", "毕业论文初稿什么时候交", "{num}号之前", "加油加油"),
    ),
    "trading": (
        ("今天大盘又跌了", "{stock}今天涨停了！", "我割肉了，太难受", "明天还能不能抄底？", "成交量放大，感觉要变盘",
         "价值投资，拿住别动", "基金亏了{pct}%，心态崩了", "{stock}的财报出来了，营收不及预期", "北向资金今天净流入",
         "别追高，注意风险", "理性投资，量力而行", "尾盘拉了一下", "周一看能不能站稳五日线", "仓位控制最重要"),
        ("出一台九成新的{item}，价格{price}元，自提", "有人要婴儿车吗？免费送", "收一个二手显示器", "还在吗？",
         "可以便宜点吗", "最低{price}", "已出，谢谢大家", "同城面交", "有发票吗", "图片发我看看"),
        ("定投第{num}期，继续坚持", "债基最近回撤有点大", "大家怎么看黄金？", "降息对股市影响大吗",
         "长期来看还是指数基金靠谱", "不要借钱炒股", "这波行情看不懂", "年化{pct}%已经很好了"),
    ),
    "fan_club": (
        ("{idol}的演唱会门票开抢了！", "抢到了！内场第五排！", "没抢到，哭了", "应援物资大家报一下尺码",
         "演唱会当天在{place}集合", "灯牌谁还没领？", "我要一个M码", "场馆附近的酒店都订满了"),
        ("新歌今天零点上线，大家冲！", "打榜任务：每人每天投票三次", "超话签到别忘了", "{idol}今天的路透好帅",
         "官宣了！新电影定档", "控评控评，别和黑粉吵", "数据组辛苦了", "播放量破千万了！"),
        ("今天的直播看了吗", "哈哈哈哈哈太可爱了", "饭拍视频来了", "谁有高清图", "这个造型绝了", "求链接",
         "周边什么时候发货", "我等了一个月了"),
    ),
    "neighbourhood": (
        ("{num}栋电梯又坏了，物业什么时候修？", "今晚停水，请提前储水", "小区门口的快递柜满了", "物业费这个月涨了吗？",
         "车库有辆车挡道了，车牌尾号{num}，麻烦挪一下", "垃圾分类检查，大家注意投放时间", "楼上装修太吵了",
         "物业已报修，师傅下午来", "@{name} 物业电话多少？", "门岗贴着呢", "消防通道别停车"),
        ("今日团购：{fruit}，{price}元一箱，接龙", "接龙：1. {name} 2箱", "团购的{fruit}到了，在{num}号门岗自提",
         "明天的鸡蛋还有吗", "已付款", "+1，要一箱", "截单了，明天到货", "上次的草莓很甜"),
        ("谁家的猫跑出来了，橘色的，在{num}栋楼下", "捡到一串钥匙，放门卫了", "有人看到一个蓝色的快递包裹吗",
         "谢谢好心人", "找到了，谢谢大家", "晚上遛狗记得牵绳"),
        ("周末小区有跳蚤市场", "附近有没有靠谱的家政？", "推荐一家修空调的", "孩子在小区里骑车注意安全",
         "东门的水果店换老板了", "新开的超市几点关门？", "晚上十点"),
    ),
    "interest": (
        ("周六去{mountain}徒步，有人一起吗", "集合时间早上七点，{place}", "记得带水和登山杖", "天气预报说有雨，改期吗",
         "上次的照片发群里了", "我报名", "AA制，车费一人{num}十块", "这次路线有点长，新手慎重"),
        ("这张构图不错", "用的什么镜头？", "新入了一台{camera}", "后期调色求指教", "光线太好了",
         "周末去拍日落吗", "这张有点过曝"),
        ("今天钓了三条鲫鱼", "这本书推荐大家读一读", "读书会本周讨论《{book}》", "红烧鱼怎么做不腥？",
         "料酒和姜片先腌一下", "下一本读什么？", "我投《{book}》"),
        ("今晚开黑吗？", "新版本太难了", "@{name} 上号", "五排差一个", "我来", "十点准时", "又输了，睡了"),
        ("我家狗子今天又拆家了", "猫粮推荐一下", "疫苗几个月打？", "三个月左右", "好可爱！", "我家猫也这样"),
        ("今天跑了{num}公里", "配速进步了", "周日早上一起跑吗", "膝盖有点疼，歇两天", "打卡"),
    ),
}

FILLERS_ZH = ("好的", "收到", "👍", "哈哈哈", "哈哈哈哈哈", "嗯嗯", "谢谢", "谢谢大家", "明白", "了解", "可以",
              "没问题",
              "同意", "+1", "[强]", "[抱拳]", "辛苦了", "？", "真的假的", "厉害了", "在吗", "稍等", "我看看", "有道理",
              "好主意", "晚点说", "@{name} 收到了吗", "@{name} 你看一下", "[捂脸]", "[OK]", "笑死", "确实", "是的",
              "对的", "不好意思，刚看到", "[微笑]", "666", "牛", "好滴", "OK", "明天再说吧")

TOPICS_EN: tuple[tuple[str, ...], ...] = (
    ("Anyone know a good dentist near Jing'an?", "Try the clinic on {street_en}, they speak English",
     "Thanks!", "Where can I buy imported cheese?", "The metro line 2 is delayed again", "Welcome to the group!",
     "Thanks for the add"),
    ("Board game night this Friday at 7, who's in?", "Count me in", "I'll bring Catan", "Can I bring a friend?",
     "Sure, the more the merrier", "See you there", "Same place as last time?"),
    ("Python meetup slides are up", "How do you handle async DB sessions?", "One session per request works for me",
     "Has anyone tried the new PySide6 release?", "The type checker is complaining about SQLAlchemy again", "lol"),
    ("Hike on Sunday, meet {time_en} at the metro station", "Remember sunscreen", "Great photos!",
     "Is the trail OK for kids?", "Mostly flat, yes", "I'm in"),
    ("Selling a bike, {price} RMB, DM me", "Still available?", "Yes", "Moving out sale this weekend",
     "Free sofa, you pick up", "Sold, thanks all"),
    ("Class party next Friday, please sign up for snacks", "I'll bring fruit", "Thanks everyone",
     "Reminder: no school on Monday", "Got it, thanks"),
)
FILLERS_EN = ("ok", "Thanks!", "+1", "lol", "Sounds good", "👍", "Sure", "Nice", "Haha", "Agreed", "Got it", "Noted")

#: A Chinese group now and then gets a short English line.
MIXED_EN = ("OK", "ok的", "thx", "Nice!", "LOL", "Good job", "get到了", "emmm", "Bye", "Sorry 刚看到")

LINK_TITLES_ZH: dict[str, tuple[str, ...]] = {
    "work": ("这篇架构文章写得不错", "新版接口文档", "行业报告，大家看看", "这个开源项目可以参考"),
    "family": ("这个养生视频挺有意思", "看看这个", "这家店周末打折", "旅游攻略"),
    "school": ("学校公众号的通知", "寒假安全教育", "课外阅读推荐书单", "报名链接"),
    "trading": ("今天的复盘文章", "这份研报观点挺客观", "新闻：央行最新数据", "闲置链接"),
    "fan_club": ("新歌MV来了！", "路透视频", "应援投票链接", "官方微博"),
    "neighbourhood": ("物业公告", "团购链接", "社区活动报名", "停水通知原文"),
    "interest": ("路线攻略", "这个教程不错", "装备推荐", "活动报名"),
}
LINK_URLS = ("https://mp.weixin.qq.com/s/{code}", "https://www.bilibili.com/video/BV{code}",
             "https://m.tb.cn/h.{code}", "https://v.douyin.com/{code}/", "https://www.zhihu.com/question/{digits}",
             "https://weibo.com/{digits}/{code}")
LINK_URLS_EN = ("https://github.com/{code}/{code}", "https://docs.python.org/3/library/asyncio.html",
                "https://www.youtube.com/watch?v={code}", "https://www.meetup.com/{code}/")

FILES: dict[str, tuple[str, ...]] = {
    "work": ("2026年Q4项目排期.xlsx", "会议纪要-{date}.docx", "接口文档v{num}.pdf", "需求说明书.docx", "周报模板.xlsx"),
    "family": ("体检报告.pdf", "全家福.zip", "旅游行程单.pdf"),
    "school": ("期中考试安排.pdf", "寒假作业清单.docx", "课程表.xlsx", "安全告知书.pdf"),
    "trading": ("研报-{stock}.pdf", "持仓记录.xlsx"),
    "fan_club": ("应援物料清单.xlsx", "打榜教程.pdf"),
    "neighbourhood": ("业主大会投票表.xlsx", "物业收费明细.pdf", "团购名单.xlsx"),
    "interest": ("徒步路线.gpx", "书单.docx", "活动报名表.xlsx"),
}
MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf", "zip": "application/zip", "gpx": "application/gpx+xml", "mp4": "video/mp4",
        "jpg": "image/jpeg", "png": "image/png"}
IMAGE_CAPTIONS_ZH = ("[图片]", "[图片]", "[图片]", "[图片] 今天的晚霞", "[图片] 看看这个", "[图片] 截图",
                     "[图片] 刚拍的")
IMAGE_CAPTIONS_EN = ("[Image]", "[Image]", "[Image] look at this", "[Image] today's view")

# --- flagged messages ------------------------------------------------------------------------------

#: Per reason code: message templates (zh, en), the lexicon that flags them (each zh template
#: contains at least one of its keywords), what reporters write, and how the group reacts.
#: ``image`` marks templates posted as an image (its text is found by OCR).
FLAGGED: dict[str, dict[str, tuple[str, ...] | str]] = {
    "PLT-03": {
        "lexicon": "scam",
        "keywords": ("日赚", "稳赚不赔", "刷单", "日结", "验证码", "高回报", "翻倍", "重新认证", "领取", "提额",
                     "guaranteed returns", "verification code"),
        "zh": ("高回报投资，日赚{amt}，加我私聊，名额有限",
        "内部渠道，稳赚不赔，跟着老师操作，一个月翻倍，有意向的私聊我",
               "兼职刷单，日结{amt}元，动动手指就能赚钱，加V：{wx}",
               "【紧急通知】您的医保卡即将停用，请点击 {bad_url} 重新认证",
               "恭喜本群成员获得{brand}周年庆红包，点击 {bad_url} 领取",
               "我是{bank}客服，您的账户存在异常，把收到的验证码发我帮您解冻",
               "低价代办信用卡提额，无视征信，手续费{amt}元，私聊",
               "老师带单，上个月收益翻倍，今天再开{num}个名额，稳赚不赔"),
        "en": ("Guaranteed returns 5% a day! DM me for the VIP group {bad_url}",
               "Bank notice: your account is frozen, send me the verification code to unlock it"),
        "image": ("[图片]",),
        "reports": ("诈骗", "疑似诈骗", "虚假投资理财", "骗子", "冒充客服"),
        "reactions": ("这是诈骗吧", "大家别信，骗子", "已举报", "@群主 管管", "又是这种骗人的", "千万别点链接",
                      "验证码不能给任何人", "报警吧"),
    },
    "PLT-02": {
        "lexicon": "spam",
        "keywords": ("扫码进群", "代写", "微信", "砍一刀", "招代理", "厂家直销", "优惠券", "免费上门", "DM me"),
        "zh": ("【{brand}】新店开业全场五折，扫码进群领优惠券！", "专业代写论文、PPT，价格实惠，微信{wx}",
               "减肥茶一个月瘦二十斤，不反弹，微信{wx}", "帮忙砍一刀！ {spam_url}",
               "承接装修，免费上门量房，电话{phone}",
               "各位老板好，本人做{fruit}批发，厂家直销，有需要的加微信{wx}",
               "微商招代理，在家就能做，宝妈首选，微信{wx}",
               "扫码进群领{brand}大额优惠券，每天都有"),
        "en": ("Cheap essay writing service, DM me", "Best deals on phones, DM me {spam_url}"),
        "image": ("[图片]",),
        "reports": ("广告骚扰", "垃圾广告", "刷屏", "营销广告"),
        "reactions": ("又来打广告", "群主踢了吧", "别刷屏了", "广告狗", "能不能别发广告"),
    },
    "PLT-04": {
        "lexicon": "pyramid",
        "keywords": ("拉人头", "下线", "入会费", "三级分销", "资本运作"),
        "zh": ("拉人头就有奖励，每拉一人返{amt}元，三级分销，躺着赚钱",
        "加入我们的会员，交{amt}元入会费，发展下线收益无限",
               "{company}资本运作项目，国家扶持，投入{amt}五年后回报千万",
               "发展下线越多，级别越高，月入十万不是梦，拉人头就行"),
        "reports": ("传销", "拉人头", "非法集资"),
        "reactions": ("这不就是传销吗", "拉人头的都是传销", "别上当", "已举报"),
    },
    "ILL-08": {
        "lexicon": "rumour",
        "keywords": ("紧急扩散", "内部消息", "赶紧囤货", "封锁消息", "倒闭", "致癌", "转发", "stock up"),
        "zh": ("紧急扩散！明天起{city}全市停水停电三天，赶紧囤货！", "内部消息：下周{bank}要倒闭了，赶紧把钱取出来",
               "重要通知：{city}下月开始限购大米，每户只能买两袋，赶紧囤货", "转发！吃{food}会致癌，已经有人住院了",
               "刚收到消息，{school}有学生食物中毒，学校在封锁消息",
               "内部消息：{estate}要拆迁了，补偿每平米十万，赶紧转发"),
        "en": ("URGENT forward: water will be cut citywide for 3 days, stock up now!",),
        "reports": ("谣言", "虚假信息", "散布谣言", "造谣"),
        "reactions": ("别传谣，官方已经辟谣了", "有官方消息吗？", "不信谣不传谣", "哪里看到的？", "假的吧"),
    },
    "ILL-09": {
        "lexicon": "gambling",
        "keywords": ("百家乐", "首充", "下注", "竞猜", "包中", "彩票", "casino"),
        "zh": ("彩票内部群，包中，跟单一期回本，进群 {bad_url}", "线上百家乐，首充送{amt}，提现秒到",
               "今晚足球竞猜，主队稳赢，下注找我", "时时彩计划，包中，首充返利"),
        "en": ("Online casino, first deposit bonus {amt}, DM me",),
        "image": ("[图片]",),
        "reports": ("赌博", "网络赌博", "涉赌"),
        "reactions": ("赌博违法的", "别碰这些", "群主管管"),
    },
    "ILL-10": {
        "lexicon": "abuse",
        "keywords": ("骗子", "假货", "黑钱", "人品"),
        "zh": ("{name}就是个骗子，欠钱不还，大家都别理他", "东门那家店卖假货，老板人品有问题，大家别去",
               "物业经理收黑钱，全小区都知道", "{name}人品太差了，大家离他远点"),
        "reports": ("人身攻击", "诽谤", "侮辱他人"),
        "reactions": ("有话好好说", "别在群里吵", "有证据吗", "私下解决吧"),
    },
    "PLT-01": {
        "lexicon": "harassment",
        "keywords": ("人肉", "社死", "住哪", "曝光"),
        "zh": ("大家把{name}的照片转出去，让他社死", "谁知道{name}住哪个小区？一起去他家门口讲讲理",
               "人肉一下这个人，他在群里乱说话", "把他曝光到各个群里，看他还敢不敢"),
        "reports": ("网络暴力", "人肉搜索", "煽动围攻"),
        "reactions": ("别这样，过分了", "这样不好吧", "冷静一下"),
    },
    "PLT-05": {
        "lexicon": "privacy",
        "keywords": ("电话是", "身份证", "住址", "手机号", "number is"),
        "zh": ("{name}的电话是{phone}，住{estate}{num}栋，欠钱不还大家帮忙找",
        "这是{name}的身份证号 110105198803****17，大家看看",
               "谁认识这个人？手机号{phone}，住址{estate}{num}栋{room}", "{name}的电话是{phone}，大家打电话问问他"),
        "en": ("This guy's number is {phone}, call him and ask",),
        "reports": ("泄露他人隐私", "个人信息", "曝光隐私"),
        "reactions": ("在群里发别人电话不太好吧", "赶紧撤回", "这涉及隐私了"),
    },
    "NEG-07": {
        "lexicon": "vulgar",
        "keywords": ("脑子有病", "垃圾", "滚", "屁话", "garbage"),
        "zh": ("你说的什么屁话，脑子有病吧", "滚一边去，别在群里刷存在感", "什么玩意儿，垃圾",
        "你脑子有病吧，天天发这些"),
        "en": ("Shut up, you are garbage",),
        "reports": ("低俗", "辱骂", "不文明用语"),
        "reactions": ("注意言辞", "文明点", "别吵了"),
    },
    "NEG-04": {
        "lexicon": "innuendo",
        "keywords": ("寂寞", "视频聊天", "约吗"),
        "zh": ("寂寞的哥哥加我微信，视频聊天", "今晚寂寞吗？约吗？私聊", "一个人好无聊，想找人视频聊天"),
        "image": ("[图片]",),
        "reports": ("低俗", "色情骚扰"),
        "reactions": ("这号被盗了吧", "举报了", "群主踢人"),
    },
    "NEG-02": {
        "lexicon": "gossip",
        "keywords": ("爆料", "实锤", "塌房", "黑历史"),
        "zh": ("爆料！{idol}和经纪人恋情实锤，附聊天记录", "扒一扒{idol}的黑历史，这次真塌房了",
        "实锤了，{idol}耍大牌，工作人员爆料"),
        "reports": ("造谣", "炒作绯闻"),
        "reactions": ("没证据别乱说", "又造谣", "黑粉别来"),
    },
    "NEG-06": {
        "lexicon": "discrimination",
        "keywords": ("外地人", "都是骗子"),
        "zh": ("外地人就别来我们小区租房了", "那边的人都是骗子，别跟他们做生意", "招人别要外地人，不靠谱"),
        "reports": ("地域歧视", "歧视"),
        "reactions": ("这话说得不对", "别搞地域黑", "大家都是邻居"),
    },
    "NEG-01": {
        "lexicon": "clickbait",
        "keywords": ("震惊", "看完沉默了", "99%的人"),
        "zh": ("震惊！99%的人都不知道的秘密，看完沉默了 {spam_url}", "震惊！这种水果千万不能吃，看完沉默了 {spam_url}"),
        "reports": ("标题党", "虚假标题"),
        "reactions": ("又是标题党", "营销号"),
    },
    "NEG-08": {
        "lexicon": "minors",
        "keywords": ("防沉迷", "绕过"),
        "zh": ("{game}代练，学生党可以用家长手机号注册绕过防沉迷", "教你绕过防沉迷，通宵打游戏没人管"),
        "reports": ("诱导未成年人", "不良引导"),
        "reactions": ("孩子看到了怎么办", "这个不能发"),
    },
    "PLT-07": {
        "lexicon": "minors",
        "keywords": ("电子烟", "学生可买", "不需要家长同意"),
        "zh": ("低价出售电子烟，学生可买，送货到校门口", "招聘学生兼职，日结，不需要家长同意，在校生优先"),
        "reports": ("危害未成年人", "向学生推销"),
        "reactions": ("这是家长群！", "举报了", "太过分了"),
    },
    "PLT-06": {
        "lexicon": "piracy",
        "keywords": ("资源", "网盘", "付费课程", "高仿", "1080P"),
        "zh": ("《{movie}》枪版资源，1080P高清，私聊发网盘", "付费课程全套资源，原价2999，现在29.9，网盘发货",
               "高仿名牌包包，一比一复刻，支持验货"),
        "file": ("[文件] {movie}.1080P.mp4",),
        "reports": ("盗版", "侵权", "售假"),
        "reactions": ("支持正版", "这个侵权了吧"),
    },
    "ILL-07": {
        "lexicon": "superstition",
        "keywords": ("转发此消息", "开光", "转运", "保佑"),
        "zh": ("转发此消息到十个群，保佑全家平安，不转倒霉三年", "大师开光手串，转运招财，仅需{amt}元",
               "转发此消息，菩萨保佑你今年发大财"),
        "reports": ("封建迷信", "迷信"),
        "reactions": ("又是这种", "别转了", "迷信要不得"),
    },
}

#: Ordinary messages that a detector flagged although nothing is wrong (moderators approve them).
FALSE_POSITIVES: tuple[tuple[str, str, str], ...] = (
    ("PLT-03", "刷单", "社区民警提醒：刷单都是诈骗，大家别信"),
    ("PLT-03", "验证码", "今天的家长会讲了防诈骗知识，验证码千万不能给别人"),
    ("PLT-03", "稳赚不赔", "哪有什么稳赚不赔，别信那些荐股群哈哈"),
    ("PLT-03", "日赚", "看到个广告说日赚三千，笑死，骗子都不编圆一点"),
    ("ILL-08", "致癌", "我妈又转发了养生谣言，说吃{food}致癌，我跟她说了不要信"),
    ("ILL-08", "内部消息", "别信什么内部消息，等官方通知"),
    ("PLT-02", "扫码进群", "小区团购的群满了，新来的邻居扫码进群2群"),
    ("PLT-02", "微信", "物业的微信换了，有事直接找前台"),
    ("PLT-06", "资源", "周末带娃去看《{movie}》，资源就别找了，支持正版"),
    ("ILL-09", "彩票", "昨天买彩票中了五块，今天请大家喝奶茶哈哈"),
    ("NEG-07", "垃圾", "周四晚上收大件垃圾，放楼下就行"),
    ("PLT-05", "电话是", "物业的电话是门岗那个座机，挂在公告栏"),
    ("ILL-10", "骗子", "提醒大家防骗子，最近冒充快递的很多"),
)

#: Notes reporters sometimes add.
REPORT_NOTES = ("他在好几个群都发了", "我妈差点信了", "已经被骗过一次了", "请尽快处理", "这个人天天发", "截图已保存",
                "连着发了好几条", "群主不管", "这个群里老人多，容易上当", "麻烦核实一下")
DECISION_NOTES = {
    "approve": ("误报：正常讨论", "内容正常，无违规", "关键词误命中"),
    "delete_message": ("内容违规，删除处理", "多人举报，内容属实", "首次违规，删帖提醒"),
    "warn": ("首次违规，警告处理", "已警告，观察后续", "情节较轻，警告"),
    "mute": ("惯犯，禁言处理", "多次违规，限时禁言", "多群刷屏，禁言"),
    "escalate": ("疑似团伙作案，请主管确认", "涉及多个群，需要主管判断", "情节较重，建议升级处理"),
}

#: The coordinated scam wave: near-identical posts with a link to one fake investment site.
WAVE_DOMAIN = "tz-vip888.example"
WAVE_BODIES = (
    "【内部名额】资深导师带单，日赚3000不是梦，稳赚不赔！最后{k}个名额，"
    "点击 http://tz-vip888.example/?c={code} 进VIP群",
    "【内部名额】资深导师带单，日赚3000不是梦，稳赚不赔！！最后{k}个名额，"
    "戳 http://tz-vip888.example/?c={code} 进VIP群",
    "🔥内部名额🔥 资深导师带单，日赚3000不是梦，稳赚不赔，最后{k}个名额 http://tz-vip888.example/?c={code}",
)
WAVE_IMAGE_BODY = "[图片]"
WAVE_IMAGE_NAME = "vip群二维码.jpg"
WAVE_KEYWORDS = ("日赚", "稳赚不赔", "带单")
WAVE_REACTIONS = ("这是诈骗吧", "别点！骗子网站", "又是荐股骗子", "我在别的群也看到了", "@群主 快踢了",
                  "已举报", "大家别扫码", "这个号刚进群就发这个")

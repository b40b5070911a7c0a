#!/usr/bin/env python3
"""Derives src/data/places.txt from ../shared/lexicons/admin-divisions.csv (cpca, MIT).

usage: python3 scripts/places.py > src/data/places.txt

Each administrative division gives its full name (`龙岗区`) and, when at least two
characters remain, its short form without the level suffix and ethnic-group
names (`龙岗`, `延边` from 延边朝鲜族自治州). Short forms that are everyday words
(`和平`, `朝阳`) are left out: as organization prefixes they would mislead.
"""
import csv
import sys
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent.parent.parent / "shared" / "lexicons"
SUFFIXES = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
            "矿区", "省", "市", "区", "县", "州", "盟", "旗"]
# Placeholders in the source, not places.
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "中沙群岛的岛礁及其海域"}
# Short forms that are everyday words or too generic to mark a place.
COMMON = {"和平", "新华", "城关", "解放", "红旗", "朝阳", "白云", "城中", "城东", "城西",
          "城北", "城南", "市中", "郊区", "矿区", "新城", "新市", "长安", "永安", "安定",
          "平安", "太平", "和田", "向阳", "胜利", "东方", "前进", "团结", "红山", "青山",
          "龙华", "中原", "建设", "文化", "民主", "光明", "新兴", "兴业", "振兴", "开发",
          "高新", "经济", "江北", "江南", "河东", "河西", "河北", "河南", "山东", "山西",
          "宝山", "金山", "铁山", "石城", "吉利", "大同", "通达", "和顺", "永和", "宁安",
          "东山", "西山", "南山", "北山", "东区", "西区", "南区", "北区", "中山", "海城",
          "城区", "新区", "市区", "资源", "合作", "比如", "南部", "港口", "公安", "友好",
          "通道", "共和", "友谊", "中方", "凤凰", "延长", "万年", "东风", "光泽", "南岸",
          "会同", "工农", "大名", "富裕", "清水", "高明", "前锋", "复兴", "长子", "宏伟",
          "平定", "芙蓉", "洞口", "太和", "温泉", "三元", "大方", "互助", "金台", "建平",
          "莲花", "平和", "名山", "黄龙", "六合", "桃源", "当阳", "建华", "大观", "二七",
          "五峰", "台前", "武功", "运河", "赤壁", "石林", "龙泉", "三门", "大理"}
# Province names that the list above would otherwise drop.
KEEP = {"河北", "河南", "山东", "山西", "中山", "南山"}


def short_form(name, ethnic):
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    changed = True
    while changed:
        changed = False
        for group in ethnic:
            for form in (group, group[:-1]):
                if len(form) >= 2 and name.endswith(form) and len(name) > len(form):
                    name = name[: -len(form)]
                    changed = True
    return name


def main():
    ethnic = sorted((line.strip() for line in open(LEXICONS / "ethnic-groups.csv", encoding="utf-8")
                     if line.strip()), key=len, reverse=True)
    names = set()
    with open(LEXICONS / "admin-divisions.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            if name in SKIP or "群岛" in name:
                continue
            names.add(name)
            short = short_form(name, ethnic)
            if len(short) >= 2 and short != name and (short not in COMMON or short in KEEP):
                names.add(short)
    out = sys.stdout
    out.write("# Administrative divisions of China (provinces, cities, counties, districts):\n")
    out.write("# full names and short forms. Derived by scripts/places.py from the cpca\n")
    out.write("# package's adcodes.csv (../shared/lexicons/admin-divisions.csv).\n")
    out.write("# cpca: The MIT License (MIT), Copyright (c) 2018 QinYuan Du. Permission is\n")
    out.write("# hereby granted, free of charge, to any person obtaining a copy of this software\n")
    out.write("# and associated documentation files, to deal in the Software without restriction,\n")
    out.write("# subject to: the above copyright notice and this permission notice shall be\n")
    out.write("# included in all copies or substantial portions of the Software. THE SOFTWARE IS\n")
    out.write("# PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND. Full text: LICENSE-cpca in\n")
    out.write("# ../shared/lexicons and the README's License section.\n")
    for name in sorted(names):
        out.write(name + "\n")


if __name__ == "__main__":
    main()

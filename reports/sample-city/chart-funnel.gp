# funnel: Alert funnel: from reads to outcomes
# Re-run in this folder with: gnuplot chart-funnel.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'chart-funnel.svg'
set title "Alert funnel: from reads to outcomes\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set label 1 '99.64 % of reads were of vehicles on no hotlist' at graph 0.98, graph 0.95 right
set logscale y
set ylabel 'records (log scale)'
set yrange [0.8:*]
set style fill solid 0.85 border -1
set boxwidth 0.6
set xrange [-0.6:3.6]
plot 'chart-funnel.dat' using 0:2:xtic(1) with boxes lc rgb '#0072B2', \
     '' using 0:($2 > 0 ? $2 : 1):3 with labels offset 0,0.8
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,10' background rgb 'white'
set output 'chart-funnel.png'
replot
set output
